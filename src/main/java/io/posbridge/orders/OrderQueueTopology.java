package io.posbridge.orders;

import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Declarables;
import org.springframework.amqp.core.DirectExchange;
import org.springframework.amqp.core.ExchangeBuilder;
import org.springframework.amqp.core.FanoutExchange;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.QueueBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The queue intake's RabbitMQ topology, declared by posbridge when the intake is on (posbridge.orders.queue-uri)
 * unless posbridge.orders.queue-declare is false (a broker whose topology someone else owns):
 *
 * <pre>
 * exchange queue-exchange (direct) --routing key queue-name--> queue queue-name
 *                                                                 | x-dead-letter-exchange
 * exchange dead-letter-exchange (fanout) -----------------------> queue dead-letter-queue
 * </pre>
 *
 * Everything is durable, so the queue and its persistent messages outlive a broker restart. Spring Boot's
 * RabbitAdmin declares these beans each time a connection to the broker is opened, so after any restart they are
 * there again before the consumer subscribes, even on a broker that lost them. (Camel's own declaration, the
 * endpoint's autoDeclare, runs once when the route starts and made a non-durable queue; it is off, see
 * camel.component.spring-rabbitmq in application.yaml.)
 */
@Configuration(proxyBeanMethods = false)
public class OrderQueueTopology {

    @Bean
    Declarables orderQueueDeclarations(OrdersProperties settings) {
        if (!settings.queueDeclare() || settings.queueUri() == null || settings.queueUri().isBlank()) {
            return new Declarables();
        }
        DirectExchange orders = ExchangeBuilder.directExchange(settings.queueExchange()).durable(true).build();
        // The broker dead-letters what is rejected without requeue, or dropped by a TTL or length policy an operator
        // sets; posbridge itself never rejects so (it requeues), and sends refused orders here with their reason.
        Queue queue = QueueBuilder.durable(settings.queueName()).deadLetterExchange(settings.deadLetterExchange()).build();
        // Fanout, so a dead letter lands in the queue whatever routing key it carries.
        FanoutExchange deadLetters = ExchangeBuilder.fanoutExchange(settings.deadLetterExchange()).durable(true).build();
        Queue deadLetterQueue = QueueBuilder.durable(settings.deadLetterQueue()).build();
        return new Declarables(orders, queue, BindingBuilder.bind(queue).to(orders).with(settings.queueName()),
                deadLetters, deadLetterQueue, BindingBuilder.bind(deadLetterQueue).to(deadLetters));
    }
}
