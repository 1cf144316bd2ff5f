package io.posbridge.orders;

import io.micrometer.observation.ObservationPredicate;
import io.posbridge.ops.JsonBodyFilter;
import io.posbridge.ops.OnePathCamelServlet;
import io.posbridge.ops.PosbridgeProperties;
import io.posbridge.ops.ReadinessGate;
import javax.sql.DataSource;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.ThreadPoolProfileBuilder;
import org.apache.camel.spring.boot.CamelContextConfiguration;
import org.apache.camel.processor.idempotent.jdbc.JdbcMessageIdRepository;
import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.server.observation.ServerRequestObservationContext;

/** Beans the order routes name, the webhook servlet, and the body limits on the order and webhook paths. */
@Configuration(proxyBeanMethods = false)
public class OrdersConfiguration {

    private static final String ORDERS_PATH = "/api/orders";

    /**
     * The inbox's read lock, shared by every replica through the database (Flyway creates its table with
     * a primary key, so two replicas can never both take a file), keyed by a digest of each file's path.
     */
    @Bean
    JdbcMessageIdRepository orderFilesRepository(DataSource dataSource) {
        JdbcMessageIdRepository repository = new HashedKeyJdbcMessageIdRepository(dataSource, "orders-inbox");
        repository.setCreateTableIfNotExists(false);
        return repository;
    }

    /**
     * The thread pool orders-dispatch sends with, side by side: the calls wait on the network, not on the
     * CPU. A Camel thread pool profile rather than an Executor bean, which would switch off Spring Boot's
     * task executor that platform-http needs.
     */
    @Bean
    CamelContextConfiguration ordersDispatchPool(OrdersProperties settings) {
        return new CamelContextConfiguration() {
            @Override
            public void beforeApplicationStart(CamelContext camel) {
                camel.getExecutorServiceManager().registerThreadPoolProfile(new ThreadPoolProfileBuilder("ordersDispatchPool")
                        .poolSize(settings.dispatchConcurrency()).maxPoolSize(settings.dispatchConcurrency()).build());
            }

            @Override
            public void afterApplicationStart(CamelContext camel) {
                // nothing to do once started
            }
        };
    }

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

    /** TokenX's webhooks, on their own servlet at posbridge.webhooks.path (routes/tokenx-webhook.camel.yaml). */
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
