package io.posbridge.orders;

import io.micrometer.observation.ObservationPredicate;
import io.posbridge.ops.JsonBodyFilter;
import io.posbridge.ops.OnePathCamelServlet;
import io.posbridge.ops.PosbridgeProperties;
import io.posbridge.ops.ReadinessGate;
import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.server.observation.ServerRequestObservationContext;

/**
 * The HTTP edge of the order half: the orders API's and the webhooks' filters (readiness, API keys, body limits),
 * the webhook servlet, and what is left out of Spring's request metrics.
 */
@Configuration(proxyBeanMethods = false)
public class OrdersWebConfiguration {

    private static final String ORDERS_PATH = "/api/orders";

    /** First of all: until the routes are up, the orders API and webhooks answer 503, never 404. */
    @Bean
    FilterRegistrationBean<ReadinessGate> ordersReadinessGate(ApplicationAvailability availability,
            PosbridgeProperties posbridge, WebhooksProperties webhooks) {
        var registration = new FilterRegistrationBean<>(new ReadinessGate(availability, posbridge));
        registration.setName("ordersReadinessGate");
        registration.addUrlPatterns(ORDERS_PATH, ORDERS_PATH + "/*", webhooks.path());
        registration.setOrder(Ordered.LOWEST_PRECEDENCE - 2);
        return registration;
    }

    /** Before the body limit, so a caller without a key has no body read at all. */
    @Bean
    FilterRegistrationBean<OrdersApiAuthentication> ordersApiAuthentication(OrdersProperties settings) {
        var registration = new FilterRegistrationBean<>(new OrdersApiAuthentication(settings.apiKeys()));
        registration.setName("ordersApiAuthentication");
        registration.addUrlPatterns(ORDERS_PATH, ORDERS_PATH + "/*");
        registration.setOrder(Ordered.LOWEST_PRECEDENCE - 1);
        return registration;
    }

    @Bean
    FilterRegistrationBean<JsonBodyFilter> ordersBodyLimit(OrdersProperties settings) {
        return limit("ordersBodyLimit", settings.maxBody().toBytes(), ORDERS_PATH);
    }

    /** TokenX's webhooks, on their own servlet at posbridge.webhooks.path (routes/orders-webhook.camel.yaml). */
    @Bean
    ServletRegistrationBean<OnePathCamelServlet> tokenxWebhookServlet(WebhooksProperties settings) {
        var registration = new ServletRegistrationBean<>(new OnePathCamelServlet(), settings.path());
        registration.setName("TokenxWebhookServlet");
        registration.setLoadOnStartup(1);
        return registration;
    }

    /** Camel already times the webhook route (camel.metrics); a second timer per request only costs CPU. */
    @Bean
    ObservationPredicate webhooksTimedByCamel(WebhooksProperties settings) {
        return (name, context) -> !(context instanceof ServerRequestObservationContext request
                && settings.path().equals(request.getCarrier().getRequestURI()));
    }

    @Bean
    FilterRegistrationBean<JsonBodyFilter> webhooksBodyLimit(WebhooksProperties settings) {
        return limit("webhooksBodyLimit", settings.maxBody().toBytes(), settings.path());
    }

    private static FilterRegistrationBean<JsonBodyFilter> limit(String name, long max, String path) {
        var registration = new FilterRegistrationBean<>(JsonBodyFilter.answeringError(max));
        registration.setName(name);
        registration.addUrlPatterns(path, path + "/*");
        return registration;
    }
}
