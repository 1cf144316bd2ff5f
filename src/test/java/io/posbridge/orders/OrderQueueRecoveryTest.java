package io.posbridge.orders;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.posbridge.support.FastOrders;
import io.posbridge.support.FreshPostgres;
import io.posbridge.support.RabbitBroker;
import io.posbridge.support.TcpProxy;
import io.posbridge.tokenx.FakeTokenx;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.apache.camel.CamelContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageBuilder;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.rabbit.connection.CorrelationData;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The queue intake against real faults: RabbitMQ restarted ({@code rabbitmqctl stop_app} / {@code start_app}) and
 * PostgreSQL cut off (a TCP forwarder between posbridge and the database, closed and reopened). Every order a
 * publisher had confirmed must be stored exactly once, and intake must resume by itself; stopping posbridge meanwhile
 * must leave every such order in the queue.
 */
@FreshPostgres
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OrderQueueRecoveryTest {

    private static final Logger LOG = LoggerFactory.getLogger(OrderQueueRecoveryTest.class);
    private static final FakeTokenx TOKENX = new FakeTokenx().start();
    private static final Path WORK = temporaryFolder();
    private static final String NAME = "posbridge.test." + UUID.randomUUID() + ".orders";
    private static final String DEAD = NAME + ".dead";
    private static final Duration BROKER_DOWN = Duration.ofSeconds(5);

    /** Between posbridge and its database; its target is the database @FreshPostgres made. */
    private static TcpProxy database;
    private static JdbcClient db;

    @DynamicPropertySource
    static void settings(DynamicPropertyRegistry registry) {
        TOKENX.takesEveryBasket();
        TOKENX.register(registry);
        FastOrders.register(registry, WORK);

        // The documented declaration (durable queue, dead-letter exchange and queue), under names of this run only.
        registry.add("posbridge.orders.queue-name", () -> NAME);
        registry.add("posbridge.orders.queue-exchange", () -> NAME);
        registry.add("posbridge.orders.dead-letter-exchange", () -> DEAD);
        registry.add("posbridge.orders.dead-letter-queue", () -> DEAD);
        registry.add("posbridge.orders.queue-uri", () -> "spring-rabbitmq:" + NAME + "?queues=" + NAME);
        registry.add("posbridge.orders.queue-dead-letter-uri", () -> "spring-rabbitmq:" + DEAD);
        // Few, quick tries in the route, so a short outage also shows what happens once they are used up.
        registry.add("posbridge.orders.queue-retries", () -> "2");
        registry.add("posbridge.orders.queue-retry-delay", () -> "200ms");
        registry.add("posbridge.orders.queue-max-retry-delay", () -> "1s");
        // What publishers must do: unroutable messages come back instead of vanishing.
        registry.add("spring.rabbitmq.template.mandatory", () -> "true");

        String real = System.getProperty("spring.datasource.url");
        URI server = URI.create(real.substring("jdbc:".length()));
        database = TcpProxy.to(server.getHost(), server.getPort());
        db = JdbcClient.create(new DriverManagerDataSource(real, System.getProperty("spring.datasource.username"),
                System.getProperty("spring.datasource.password")));
        registry.add("spring.datasource.url", () -> "jdbc:postgresql://127.0.0.1:" + database.port() + server.getRawPath());
        // While the database is cut off each try waits this long for a connection, not Hikari's 30 s.
        registry.add("spring.datasource.hikari.connection-timeout", () -> "1000");
    }

    @AfterAll
    static void cleanUp() {
        TOKENX.server.stop();
        RabbitBroker.delete(List.of(NAME, DEAD), List.of(NAME, DEAD));
        if (database != null) {
            database.close();
        }
    }

    @Autowired
    RabbitTemplate rabbit;

    @Autowired
    CamelContext camel;

    @Test
    void aBrokerRestartLosesNoConfirmedOrderAndIntakeResumesByItselfWithItsTopologyDeclaredAgain() throws Exception {
        List<String> before = ids("BR-A-", 300);
        List<String> after = ids("BR-B-", 100);

        publishConfirmed(before);
        long storedAtStop = storedCount("BR-%");
        // As if the restart had lost them too (a node back with empty storage): posbridge declares them again. The
        // queue itself is kept, with whatever of the 300 it still holds.
        RabbitBroker.delete(List.of(DEAD), List.of(NAME, DEAD));
        RabbitBroker.restart(BROKER_DOWN);
        publishConfirmed(after); // mandatory and confirmed: the exchange and its binding are back

        List<String> all = new ArrayList<>(before);
        all.addAll(after);
        awaitStoredOnce("BR-%", all);
        LOG.info("broker restart: {} orders confirmed before it ({} of them stored as it began), {} after; {} stored",
                before.size(), storedAtStop, after.size(), storedCount("BR-%"));
        assertThat(RabbitBroker.messagesIn(DEAD)).as("the dead-letter queue is back, and empty").isZero();
    }

    @Test
    void ordersThatCannotBeStoredStayQueuedThroughADatabaseOutageAndABrokerRestart() throws Exception {
        List<String> orders = ids("DB-", 50);
        database.cut();
        try {
            publishConfirmed(orders);
            // Each try waits 1 s for a connection: three tries and their backoff take under 4 s, so within 6 s the
            // first message has used up its tries in the route and the consumer has put it back in the queue.
            Thread.sleep(6_000);
            assertThat(RabbitBroker.messagesIn(NAME)).as("ready and unacknowledged, before the broker restart")
                    .isEqualTo(orders.size());
            assertThat(RabbitBroker.messagesIn(DEAD)).isZero();
            assertThat(storedCount("DB-%")).isZero();

            RabbitBroker.restart(BROKER_DOWN);
            assertThat(RabbitBroker.messagesIn(NAME)).as("after the broker restart").isEqualTo(orders.size());
        } finally {
            database.restore();
        }
        awaitStoredOnce("DB-%", orders);
        await().atMost(Duration.ofSeconds(10)).until(() -> RabbitBroker.messagesIn(NAME) == 0);
        assertThat(RabbitBroker.messagesIn(DEAD)).isZero();
    }

    /** Last: it stops posbridge's routes, as shutting posbridge down does first (the test context cannot be closed). */
    @Test
    @Order(Integer.MAX_VALUE)
    void stoppingPosbridgeWhileOrdersCannotBeStoredLeavesThemAllInTheQueue() throws Exception {
        List<String> orders = ids("ST-", 20);
        database.cut();
        try {
            publishConfirmed(orders);
            Thread.sleep(1_500); // the consumer is trying the first one again
            long stopping = System.nanoTime();
            camel.stop();
            LOG.info("posbridge's routes stopped in {} ms while its database was cut off",
                    Duration.ofNanos(System.nanoTime() - stopping).toMillis());
        } finally {
            database.restore();
        }
        // The broker counts a message again once the closing channel has given it back: wait for that, not for luck.
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(RabbitBroker.messagesIn(NAME))
                .as("back in the queue, none acknowledged").isEqualTo(orders.size()));
        assertThat(RabbitBroker.messagesIn(DEAD)).isZero();
        assertThat(storedCount("ST-%")).isZero();
    }

    private void publishConfirmed(List<String> orderIds) throws Exception {
        List<CorrelationData> confirms = new ArrayList<>();
        for (String orderId : orderIds) {
            CorrelationData confirm = new CorrelationData(orderId);
            rabbit.send(NAME, NAME, persistent(OrdersFlowTest.order(orderId, "T-RECOVERY")), confirm);
            confirms.add(confirm);
        }
        for (CorrelationData confirm : confirms) {
            assertThat(confirm.getFuture().get(30, TimeUnit.SECONDS).isAck()).as("%s confirmed", confirm.getId()).isTrue();
            assertThat(confirm.getReturned()).as("%s routed to the queue", confirm.getId()).isNull();
        }
    }

    private static Message persistent(String order) {
        return MessageBuilder.withBody(order.getBytes(UTF_8)).setContentType("application/json")
                .setDeliveryMode(MessageDeliveryMode.PERSISTENT).build();
    }

    private static void awaitStoredOnce(String pattern, List<String> expected) {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250))
                .until(() -> storedCount(pattern) >= expected.size());
        List<String> stored = db.sql("SELECT order_id FROM orders WHERE order_id LIKE ?").param(pattern)
                .query(String.class).list();
        assertThat(stored).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(db.sql("SELECT count(*) FROM orders WHERE order_id LIKE ? AND source <> 'QUEUE'").param(pattern)
                .query(Long.class).single()).isZero();
    }

    private static long storedCount(String pattern) {
        return db.sql("SELECT count(*) FROM orders WHERE order_id LIKE ?").param(pattern).query(Long.class).single();
    }

    private static List<String> ids(String prefix, int count) {
        return IntStream.rangeClosed(1, count).mapToObj(i -> prefix + i).toList();
    }

    private static Path temporaryFolder() {
        try {
            return Files.createTempDirectory("posbridge-queue");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
