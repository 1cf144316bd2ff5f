package io.posbridge.orders;

import io.micrometer.observation.ObservationPredicate;
import io.posbridge.ops.JsonBodyFilter;
import io.posbridge.ops.OnePathCamelServlet;
import javax.sql.DataSource;
import org.apache.camel.CamelContext;
import org.apache.camel.LoggingLevel;
import org.apache.camel.builder.ThreadPoolProfileBuilder;
import org.apache.camel.spring.boot.CamelContextConfiguration;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.processor.idempotent.jdbc.JdbcMessageIdRepository;
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

    /**
     * The queue intake, only when posbridge.orders.queue-uri is set. In Java because a YAML route cannot
     * be left out when its endpoint is not configured.
     */
    @Bean
    RouteBuilder ordersFromQueue(OrdersProperties settings) {
        return new RouteBuilder() {
            @Override
            public void configure() {
                if (settings.queueUri() == null || settings.queueUri().isBlank()) {
                    return;
                }
                // Acknowledged once the route completes, so only after the order is stored; a refused order is
                // acknowledged too, after it went to the dead-letter queue with the reason.
                from(settings.queueUri()).routeId("orders-from-queue").autoStartup("{{posbridge.tokenx.enabled}}")
                        .setHeader(OrderReader.SOURCE, constant("QUEUE"))
                        .doTry()
                            .to("direct:order-intake")
                        .doCatch(OrderRefused.class)
                            .setHeader("PosbridgeRefusal", simple("${exception.message}"))
                            .log(LoggingLevel.WARN, "order from the queue refused, sent to the dead-letter queue: "
                                    + "${exception.message}")
                            .to(settings.queueDeadLetterUri())
                        .end();
            }
        };
    }

    private static FilterRegistrationBean<JsonBodyFilter> limit(String name, long max, String path) {
        var registration = new FilterRegistrationBean<>(JsonBodyFilter.answeringError(max));
        registration.setName(name);
        registration.addUrlPatterns(path, path + "/*");
        return registration;
    }
}
