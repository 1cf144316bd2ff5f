package io.posbridge.orders;

import io.micrometer.observation.ObservationPredicate;
import io.posbridge.ops.JsonBodyFilter;
import io.posbridge.ops.OnePathCamelServlet;
import io.posbridge.ops.PosbridgeProperties;
import io.posbridge.ops.ReadinessGate;
import javax.sql.DataSource;
import org.apache.camel.CamelContext;
import org.apache.camel.ExchangePattern;
import org.apache.camel.LoggingLevel;
import org.apache.camel.builder.ThreadPoolProfileBuilder;
import org.apache.camel.spring.boot.CamelContextConfiguration;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.processor.idempotent.jdbc.JdbcMessageIdRepository;
import org.springframework.amqp.rabbit.config.RetryInterceptorBuilder;
import org.springframework.amqp.rabbit.retry.ImmediateRequeueMessageRecoverer;
import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.server.observation.ServerRequestObservationContext;
import org.springframework.retry.interceptor.RetryOperationsInterceptor;

/** Beans the order routes name, the webhook servlet, and the body limits on the order and webhook paths. */
@Configuration(proxyBeanMethods = false)
public class OrdersConfiguration {

    private static final String ORDERS_PATH = "/api/orders";
    private static final String ORIGINAL_ORDER = "originalOrder";

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

    /**
     * The queue intake, only when posbridge.orders.queue-uri is set. In Java because a YAML route cannot
     * be left out when its endpoint is not configured.
     *
     * <p>A message is acknowledged only when the route completes: once its order is stored, or, for an order
     * refused as it is, once it is on the dead-letter queue with the reason (the broker confirms it: publisher
     * confirms are on in application.yaml). Any other failure is not the order's fault (the database is down,
     * posbridge is stopping) and must leave the message in the queue; see the error handler.
     */
    @Bean
    RouteBuilder ordersFromQueue(OrdersProperties settings) {
        return new RouteBuilder() {
            @Override
            public void configure() {
                if (settings.queueUri() == null || settings.queueUri().isBlank()) {
                    return;
                }
                // A failure that is not the order's fault is tried again here, the message unacknowledged meanwhile,
                // rather than requeued at once: a requeued message comes straight back, so only this wait keeps an
                // outage from spinning, and should posbridge die meanwhile the broker gives the message to another
                // consumer. After queue-retries tries the consumer requeues it (orderQueueRequeue), so a message that
                // never stores does not hold up the ones prefetched behind it for ever. When posbridge stops, the
                // consumer closes its channel after 5 s, which returns the message to the queue, and
                // allowRedeliveryWhileStopping(false) ends the tries so that they do not hold up the stop.
                errorHandler(defaultErrorHandler()
                        .maximumRedeliveries(settings.queueRetries())
                        .redeliveryDelay(settings.queueRetryDelay().toMillis())
                        .useExponentialBackOff()
                        .maximumRedeliveryDelay(settings.queueMaxRetryDelay().toMillis())
                        .allowRedeliveryWhileStopping(false)
                        .retryAttemptedLogLevel(LoggingLevel.WARN));

                // A refused order is not tried again: it goes to the dead-letter queue as it came, with the reason.
                // InOnly: a publisher's reply-to must not turn the dead letter into a request waiting for an answer.
                onException(OrderRefused.class).handled(true).maximumRedeliveries(0)
                        .setBody(exchangeProperty(ORIGINAL_ORDER))
                        .setHeader("PosbridgeRefusal", simple("${exception.message}"))
                        .log(LoggingLevel.WARN, "order from the queue refused, sent to the dead-letter queue: "
                                + "${exception.message}")
                        .to(ExchangePattern.InOnly, settings.queueDeadLetterUri());

                from(settings.queueUri()).routeId("orders-from-queue").autoStartup("{{posbridge.tokenx.enabled}}")
                        .setProperty(ORIGINAL_ORDER, body())
                        .setHeader(OrderReader.SOURCE, constant("QUEUE"))
                        .to("direct:order-intake");
            }
        };
    }

    /**
     * What a spring-rabbitmq consumer does with a message its route failed on: put it back in the queue, at once
     * (the route has already waited and tried again). camel.component.spring-rabbitmq.retry in application.yaml
     * names this bean. Camel's own choices lose it: rejectAndDontRequeue (the default) rejects it, which drops it or
     * dead-letters it without a reason, and without it Spring AMQP's retry "recovers" it by acknowledging it.
     */
    @Bean
    RetryOperationsInterceptor orderQueueRequeue() {
        return RetryInterceptorBuilder.stateless().maxAttempts(1).recoverer(new ImmediateRequeueMessageRecoverer()).build();
    }

    private static FilterRegistrationBean<JsonBodyFilter> limit(String name, long max, String path) {
        var registration = new FilterRegistrationBean<>(JsonBodyFilter.answeringError(max));
        registration.setName(name);
        registration.addUrlPatterns(path, path + "/*");
        return registration;
    }
}
