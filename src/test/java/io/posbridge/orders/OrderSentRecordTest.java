package io.posbridge.orders;

import static org.assertj.core.api.Assertions.assertThat;

import io.posbridge.support.AtOnce;
import io.posbridge.support.FreshPostgresExtension.PostgresServer;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.stream.IntStream;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Orders TokenX took are recorded SENT a group at a time ({@link OrderStore#recordSent}), on PostgreSQL and on the
 * sandbox's H2: only orders still SENDING or WAITING move, an order a webhook moved on first stays where it is, and
 * (on PostgreSQL) with replicas and webhooks at the same orders at once every order moves to SENT at most once, with
 * one event for that move.
 */
class OrderSentRecordTest {

    @Test
    void onPostgresql() throws Exception {
        PostgresServer.get().inScratchDatabase((server, url) ->
                check(new DriverManagerDataSource(url, server.username(), server.password()), true));
    }

    @Test
    void onH2InPostgresqlMode() throws Exception {
        check(new DriverManagerDataSource("jdbc:h2:mem:sent-" + UUID.randomUUID()
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1", "sa", ""), false);
    }

    /** The sandbox runs one replica: H2 is checked without replicas racing. */
    private static void check(DataSource dataSource, boolean replicas) throws Exception {
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
        JdbcClient db = JdbcClient.create(dataSource);
        OrderStore store = new OrderStore(db, Clock.systemUTC());
        TransactionTemplate tx = new TransactionTemplate(new DataSourceTransactionManager(dataSource));

        List<String> group = new ArrayList<>();
        for (OrderState state : OrderState.values()) {
            group.add(stored(db, "G-" + state, state));
        }
        group.add("G-NEVER-STORED");
        List<String> moved = tx.execute(s -> store.recordSent(group));
        assertThat(moved).containsExactlyInAnyOrder("G-SENDING", "G-WAITING");
        for (OrderState state : OrderState.values()) {
            OrderState expected = state == OrderState.SENDING || state == OrderState.WAITING ? OrderState.SENT : state;
            assertThat(store.find("G-" + state).orElseThrow().state()).as("G-" + state).isEqualTo(expected);
        }
        StoredOrder sent = store.find("G-SENDING").orElseThrow();
        assertThat(sent.sentAt()).isNotNull();
        assertThat(sent.reason()).isNull();
        assertThat(sentEvents(db, "G-SENDING")).isEqualTo(1);
        assertThat(sentEvents(db, "G-SENT")).as("an order SENT already gets no second event").isZero();
        List<String> again = tx.execute(s -> store.recordSent(group));
        assertThat(again).as("the same group again").isEmpty();
        List<String> none = tx.execute(s -> store.recordSent(List.of()));
        assertThat(none).isEmpty();
        if (!replicas) {
            return;
        }

        // Three replicas record the same 60 orders while webhooks lock every third: each order is SENT or LOCKED, and
        // moved to SENT by at most one of them, with one event for that move.
        List<String> orders = IntStream.range(0, 60).mapToObj(i -> stored(db, "C-" + i, OrderState.SENDING)).toList();
        List<Callable<List<String>>> work = new ArrayList<>();
        for (int replica = 0; replica < 3; replica++) {
            work.add(() -> tx.execute(s -> store.recordSent(orders)));
        }
        for (int i = 0; i < orders.size(); i += 3) {
            String orderId = orders.get(i);
            work.add(() -> tx.execute(s -> store.move(orderId, OrderState.LOCKED, null, null, null, null)) ? List.of() : null);
        }
        List<String> movedByAll = new ArrayList<>();
        for (List<String> result : AtOnce.run(work)) {
            if (result != null) {
                movedByAll.addAll(result);
            }
        }
        assertThat(movedByAll).doesNotHaveDuplicates();
        for (String orderId : orders) {
            OrderState state = store.find(orderId).orElseThrow().state();
            assertThat(state).as(orderId).isIn(OrderState.SENT, OrderState.LOCKED);
            assertThat(sentEvents(db, orderId)).as(orderId).isEqualTo(movedByAll.contains(orderId) ? 1 : 0);
            if (state == OrderState.SENT) {
                assertThat(movedByAll).contains(orderId);
            }
        }
    }

    private static String stored(JdbcClient db, String orderId, OrderState state) {
        OffsetDateTime now = OffsetDateTime.now();
        db.sql("INSERT INTO orders (order_id, arrival, basket_id, source, fingerprint, terminal_id, basket, state, "
                        + "received_at, updated_at) VALUES (?, nextval('order_arrivals'), ?, 'HTTP', 'f', 'T-1', '{}', ?, ?, ?)")
                .params(orderId, "b-" + orderId, state.name(), now, now).update();
        return orderId;
    }

    private static int sentEvents(JdbcClient db, String orderId) {
        return db.sql("SELECT COUNT(*) FROM order_events WHERE order_id = ? AND kind = 'STATE' AND operation = 'SENT'")
                .param(orderId).query(Integer.class).single();
    }
}
