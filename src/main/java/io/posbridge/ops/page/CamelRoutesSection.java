package io.posbridge.ops.page;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.camel.api.management.ManagedCamelContext;
import org.apache.camel.api.management.mbean.ManagedRouteMBean;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Every Camel route with its state and exchange counts since start-up, from Camel's management (JMX, on by default:
 * {@code camel.main.jmx-enabled}; application.yaml registers routes only, not every processor).
 */
@Component
@Order(7)
class CamelRoutesSection implements OperatorSection {

    record RouteView(String id, String state, long exchangesTotal, long exchangesFailed, long exchangesInflight) {
    }

    private static final Map<String, String> MANAGEMENT_OFF =
            Map.of("unavailable", "Camel's management is switched off (camel.main.jmx-enabled)");

    private final CamelContext camel;

    CamelRoutesSection(CamelContext camel) {
        this.camel = camel;
    }

    @Override
    public String name() {
        return "routes";
    }

    @Override
    public Object read() {
        ManagedCamelContext managed = camel.getCamelContextExtension().getContextPlugin(ManagedCamelContext.class);
        if (managed == null) {
            return MANAGEMENT_OFF;
        }
        List<String> ids = camel.getRoutes().stream().map(Route::getRouteId).sorted(Comparator.naturalOrder()).toList();
        List<RouteView> routes = ids.stream()
                .map(id -> managed.getManagedRoute(id, ManagedRouteMBean.class))
                .filter(route -> route != null)
                .map(route -> new RouteView(route.getRouteId(), route.getState(), route.getExchangesTotal(),
                        route.getExchangesFailed(), route.getExchangesInflight()))
                .toList();
        if (routes.isEmpty() && !ids.isEmpty()) {
            return MANAGEMENT_OFF;
        }
        return routes;
    }
}
