package io.posbridge.orders;

import org.apache.camel.LoggingLevel;
import org.apache.camel.processor.errorhandler.RedeliveryPolicy;
import org.springframework.amqp.rabbit.config.RetryInterceptorBuilder;
import org.springframework.amqp.rabbit.retry.ImmediateRequeueMessageRecoverer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.retry.interceptor.RetryOperationsInterceptor;

/**
 * What becomes of a queue message whose order could not be stored for a reason that is not the order's (the database
 * is down, posbridge is stopping): tried again by the route (orders-from-queue, routes/orders-intake.camel.yaml), the
 * message unacknowledged meanwhile, then put back in the queue.
 */
@Configuration(proxyBeanMethods = false)
public class OrderQueueRetries {

    /**
     * The route's tries: queue-retries of them, the wait doubling from queue-retry-delay up to queue-max-retry-delay.
     * Should posbridge die meanwhile, the broker gives the message to another consumer. After the last try the consumer
     * requeues it (orderQueueRequeue), so a message that never stores does not hold up the ones prefetched behind it
     * for ever. When posbridge stops, the consumer closes its channel after 5 s, which returns the message to the
     * queue, and no redelivery while stopping ends the tries so that they do not hold up the stop.
     */
    @Bean
    RedeliveryPolicy orderQueueRedeliveryPolicy(OrdersProperties settings) {
        RedeliveryPolicy policy = new RedeliveryPolicy();
        policy.setMaximumRedeliveries(settings.queueRetries());
        policy.setRedeliveryDelay(settings.queueRetryDelay().toMillis());
        policy.setUseExponentialBackOff(true);
        policy.setMaximumRedeliveryDelay(settings.queueMaxRetryDelay().toMillis());
        policy.setAllowRedeliveryWhileStopping(false);
        policy.setRetryAttemptedLogLevel(LoggingLevel.WARN);
        return policy;
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
}
