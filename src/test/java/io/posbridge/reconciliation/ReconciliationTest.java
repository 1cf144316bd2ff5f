package io.posbridge.reconciliation;

import static io.posbridge.reconciliation.ReconciliationClient.advise;
import static io.posbridge.reconciliation.ReconciliationClient.transaction;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.posbridge.ledger.HoldExpiry;
import io.posbridge.ledger.LedgerInvariants;
import io.posbridge.orders.BasketMapper;
import io.posbridge.orders.OrderReader.IncomingOrder;
import io.posbridge.orders.OrderState;
import io.posbridge.orders.OrderStore;
import io.posbridge.orders.PosOrder;
import io.posbridge.reconciliation.DayReport.OrderTally;
import io.posbridge.reconciliation.DayReport.Posting;
import io.posbridge.reconciliation.DayReport.Row;
import io.posbridge.reconciliation.DayReport.Tally;
import io.posbridge.support.FreshPostgres;
import io.posbridge.support.MutableClock;
import io.posbridge.support.MutableClockConfiguration;
import io.posbridge.tokenx.TokenxBasket;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

/**
 * The daily reconciliation against the ledger it reports on: a random concurrent load of Yoyo calls from several
 * stores in two currencies, and orders, then every figure of the report is worked out again from the holds, the
 * orders and the settlement account's entries. The order half is off, so nothing but this test moves an order; the
 * day is Johannesburg's (UTC+2), so a day's edge is not UTC midnight.
 */
@FreshPostgres
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "posbridge.tokenx.enabled=false",
        "posbridge.tokenx.auth-url=", "posbridge.tokenx.basket-url=", "posbridge.tokenx.client-settings-url=",
        "posbridge.tokenx.client-id=", "posbridge.tokenx.client-secret=",
        "posbridge.tokenx.callback-url=", "posbridge.tokenx.callback-auth=",
        "posbridge.yoyo.hold-timeout=30m", "posbridge.yoyo.sweep-interval=1h",
        "posbridge.reconciliation.time-zone=Africa/Johannesburg"})
@ActiveProfiles("test")
@Import(MutableClockConfiguration.class)
class ReconciliationTest {

    private static final ZoneId ZONE = ZoneId.of("Africa/Johannesburg");
    /** Stores as Yoyo names them: storeId, or retailerId with remoteStoreId. */
    private static final String[][] STORES = {{"1050", null, null}, {"2070", null, null}, {null, "999", "10501"}};
    private static final String[] BRANCHES = {"BR-1", "BR-2"};

    @LocalServerPort
    int port;
    @Autowired
    MutableClock clock;
    @Autowired
    HoldExpiry expiry;
    @Autowired
    OrderStore orders;
    @Autowired
    BasketMapper basketMapper;
    @Autowired
    JdbcClient db;

    ReconciliationClient client;

    @BeforeEach
    void client() {
        client = new ReconciliationClient(port);
    }

    @Test
    void aDayUnderRandomConcurrentLoadTiesOutWithTheHoldsTheOrdersAndTheSettlementEntries() throws Exception {
        List<String> tokens = new ArrayList<>();
        for (String currency : List.of("ZAR", "USD")) {
            for (int a = 0; a < 3; a++) {
                String account = "load-" + currency + "-" + a;
                List<String> own = new ArrayList<>();
                for (int t = 0; t < 4; t++) {
                    own.add((currency.equals("ZAR") ? "71" : "72") + a + t + "00");
                }
                client.account(account, currency, 60_000, own.toArray(String[]::new));
                tokens.addAll(own);
            }
        }
        // 10:00 in Johannesburg on the first day.
        setClock("2026-12-01T08:00:00Z");
        Random random = new Random(20261201);
        List<Callable<Object>> calls = new ArrayList<>();
        int keys = 160;
        for (int i = 0; i < 600; i++) {
            int key = random.nextInt(keys);
            calls.add(yoyoCall(random, 800_000 + key, tokens.get(key % tokens.size())));
        }
        for (int i = 0; i < 40; i++) {
            calls.add(orderCall(random, "D1-" + i));
        }
        runConcurrently(calls);

        // Half an hour later the holds still pending expire; a few FINALISEs come in after that.
        clock.advance(Duration.ofMinutes(31));
        assertThat(expiry.sweep()).as("holds left pending by the load expire").isPositive();
        List<String> expired = db.sql("SELECT hold_key FROM holds WHERE state = 'EXPIRED' ORDER BY hold_key")
                .query(String.class).list();
        for (String key : expired.subList(0, Math.min(5, expired.size()))) {
            assertThat(client.yoyo("/yoyo/advise", advise("FINALISE", key, null)).code()).isIn("-1", "14");
        }
        refusedLateFinalise();

        // 00:30 the next day in Johannesburg (22:30 UTC, still the first day in UTC): more of the same.
        setClock("2026-12-01T22:30:00Z");
        calls.clear();
        for (int i = 0; i < 300; i++) {
            int key = random.nextInt(keys);
            calls.add(yoyoCall(random, 900_000 + key, tokens.get(key % tokens.size())));
        }
        for (int i = 0; i < 20; i++) {
            calls.add(orderCall(random, "D2-" + i));
        }
        runConcurrently(calls);
        LedgerInvariants.assertHold(db);

        for (String day : List.of("2026-12-01", "2026-12-02")) {
            DayReport report = report(day);
            assertThat(report.timeZone()).isEqualTo("Africa/Johannesburg");
            assertThat(report.rows()).as("the report of " + day).containsExactlyElementsOf(expected(LocalDate.parse(day)));
            assertPostedTiesOutWithSettlementEntries(report, LocalDate.parse(day));
        }
        DayReport first = report("2026-12-01");
        assertThat(first.rows()).extracting(Row::store).contains("1050", "2070", "999/10501", "BR-1", "BR-2");
        assertThat(first.rows()).extracting(Row::currency).contains("ZAR", "USD", "TRY");
        assertThat(first.rows().stream().mapToLong(r -> r.holdsFinalised().count()).sum()).isPositive();
        assertThat(first.rows().stream().mapToLong(r -> r.holdsReversed().count()).sum()).isPositive();
        assertThat(first.rows().stream().mapToLong(r -> r.holdsExpired().count()).sum()).isPositive();
        assertThat(first.rows().stream().mapToLong(r -> r.finalisedAfterExpiry().count()).sum()).isPositive();
        assertThat(first.rows().stream().mapToLong(r -> r.finaliseAfterExpiryRefused().count()).sum()).isPositive();
        assertThat(report("2026-12-02").rows().stream().mapToLong(r -> r.holdsPending().count()).sum()).isPositive();
        assertThat(report("2026-11-30").rows()).isEmpty();
    }

    @Test
    void aDayIsACalendarDayOfTheConfiguredTimeZone() {
        client.account("edge", "ZAR", 10_000, "730001", "730002");
        // 23:59:59 on 5 December in Johannesburg, then its midnight: both 5 December in UTC.
        setClock("2026-12-05T21:59:59Z");
        assertThat(client.yoyo("/yoyo/transaction", transaction("830001", "730001", "PAYMENT", 100, "edge-store", null, null))
                .code()).isEqualTo("-1");
        setClock("2026-12-05T22:00:00Z");
        assertThat(client.yoyo("/yoyo/transaction", transaction("830002", "730002", "PAYMENT", 250, "edge-store", null, null))
                .code()).isEqualTo("-1");
        assertThat(client.yoyo("/yoyo/advise", advise("FINALISE", "830001", 80L)).code()).isEqualTo("-1");

        Row fifth = only(report("2026-12-05&store=edge-store"));
        assertThat(fifth.holdsCreated()).isEqualTo(new Tally(1, 100));
        assertThat(fifth.holdsFinalised()).isEqualTo(new Posting(0, 0, 0));
        Row sixth = only(report("2026-12-06&store=edge-store"));
        assertThat(sixth.holdsCreated()).isEqualTo(new Tally(1, 250));
        assertThat(sixth.holdsPending()).isEqualTo(new Tally(1, 250));
        assertThat(sixth.holdsFinalised()).as("finalised on the day of its FINALISE, not of its hold")
                .isEqualTo(new Posting(1, 100, 80));
    }

    @Test
    void csvHasAHeaderAndOneRowPerStoreAndCurrencyAndDefusesFormulas() {
        client.account("csv", "ZAR", 10_000, "740001", "740002", "740003");
        setClock("2026-12-08T09:00:00Z");
        client.yoyo("/yoyo/transaction", transaction("840001", "740001", "PAYMENT", 100, "=HYPERLINK(\"x\")", null, null));
        client.yoyo("/yoyo/transaction", transaction("840002", "740002", "PAYMENT", 200, "-5+3", null, null));
        client.yoyo("/yoyo/transaction", transaction("840003", "740003", "DEPOSIT", 300, "plain, with comma", null, null));

        ReconciliationClient.Answer csv = client.get("/api/reconciliation?date=2026-12-08", ReconciliationClient.ADMIN,
                "text/csv");
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.contentType()).startsWith("text/csv");
        String[] lines = csv.body().split("\r\n", -1);
        assertThat(lines).hasSize(5).endsWith("");
        assertThat(lines[0]).isEqualTo(String.join(",", ReconciliationCsv.header()));
        assertThat(lines[0]).startsWith("date,time_zone,store,currency,holds_created_count,holds_created_amount,")
                .contains(",orders_completed_count,orders_completed_total,");
        int columns = lines[0].split(",").length;
        // Rows come sorted by the store as it is, before a cell is defused.
        assertThat(lines[1]).startsWith("2026-12-08,Africa/Johannesburg,'-5+3,ZAR,1,200,");
        assertThat(lines[2]).startsWith("2026-12-08,Africa/Johannesburg,\"'=HYPERLINK(\"\"x\"\")\",ZAR,1,100,");
        assertThat(lines[3]).startsWith("2026-12-08,Africa/Johannesburg,\"plain, with comma\",ZAR,1,-300,");
        assertThat(lines[1].split(",")).hasSize(columns);

        ReconciliationClient.Answer json = client.get("/api/reconciliation?date=2026-12-08", ReconciliationClient.ADMIN, null);
        assertThat(json.status()).isEqualTo(200);
        assertThat(json.contentType()).startsWith("application/json");
        JsonNode rows = json.json().path("rows");
        assertThat(rows).hasSize(3);
        assertThat(rows.get(0).path("store").asText()).isEqualTo("-5+3");
        assertThat(rows.get(0).path("holdsCreated").path("amount").asLong()).isEqualTo(200);
        assertThat(json.json().path("date").asText()).isEqualTo("2026-12-08");
        // A browser's Accept, and one that prefers JSON, get JSON.
        assertThat(client.get("/api/reconciliation?date=2026-12-08", ReconciliationClient.ADMIN,
                "text/html,application/xhtml+xml,*/*;q=0.8").contentType()).startsWith("application/json");
        assertThat(client.get("/api/reconciliation?date=2026-12-08", ReconciliationClient.ADMIN,
                "application/json, text/csv;q=0.5").contentType()).startsWith("application/json");
    }

    @Test
    void aStoreFilterKeepsThatStoresRowsOnly() {
        client.account("filter", "ZAR", 10_000, "750001", "750002");
        setClock("2026-12-10T09:00:00Z");
        client.yoyo("/yoyo/transaction", transaction("850001", "750001", "PAYMENT", 100, "F1", null, null));
        client.yoyo("/yoyo/transaction", transaction("850002", "750002", "PAYMENT", 200, null, "77", "F1"));

        DayReport all = report("2026-12-10");
        assertThat(all.rows()).extracting(Row::store).containsExactly("77/F1", "F1");
        assertThat(report("2026-12-10&store=F1").rows()).containsExactly(all.rows().get(1));
        assertThat(report("2026-12-10&store=77%2FF1").rows()).containsExactly(all.rows().get(0));
        assertThat(report("2026-12-10&store=nowhere").rows()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "?date=", "?date=2026-13-01", "?date=2026-02-30", "?date=01-12-2026", "?date=2026-1-1",
            "?date=%2B2026-12-01", "?date=2026-12-01T00:00", "?date=2026-12-01&store=", "?date=2026-12-01&store=a%0Ab",
            "?date=2026-12-01&store=%00"})
    void aBadDateOrStoreIs400WithItsReason(String query) {
        ReconciliationClient.Answer answer = client.get("/api/reconciliation" + query, ReconciliationClient.ADMIN, null);

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.contentType()).startsWith("application/json");
        String problem = answer.json().path("problems").get(0).asText();
        assertThat(problem).startsWith(query.contains("store=") ? "store " : "date ");
        assertThat(answer.body()).doesNotContain("java", "Exception");
    }

    @Test
    void aStoreLongerThanAnyStoreIsRefused() {
        String longest = "s".repeat(ReconciliationController.MAX_STORE_LENGTH);
        assertThat(client.get("/api/reconciliation?date=2026-12-01&store=" + longest, ReconciliationClient.ADMIN, null)
                .status()).isEqualTo(200);
        ReconciliationClient.Answer tooLong = client.get("/api/reconciliation?date=2026-12-01&store=" + longest + "s",
                ReconciliationClient.ADMIN, null);
        assertThat(tooLong.status()).isEqualTo(400);
        assertThat(tooLong.json().path("problems").get(0).asText()).isEqualTo("store is longer than 513 characters");
    }

    @Test
    void withoutTheAdminCredentialsItIs401() {
        String wrong = "Basic " + java.util.Base64.getEncoder().encodeToString("admin:guess".getBytes());
        for (String authorization : new String[] {null, wrong}) {
            for (String accept : new String[] {null, "text/csv"}) {
                ReconciliationClient.Answer answer = client.get("/api/reconciliation?date=2026-12-01", authorization, accept);
                assertThat(answer.status()).isEqualTo(401);
                assertThat(answer.body()).doesNotContain("rows", "store");
            }
        }
    }

    // ---- the load -------------------------------------------------------------------------------------------------

    private Callable<Object> yoyoCall(Random random, int key, String token) {
        String[] store = STORES[key % STORES.length];
        String type = key % 9 == 0 ? "DEPOSIT" : key % 7 == 0 ? "WITHDRAWAL" : "PAYMENT";
        long amount = 500 + (key % 11) * 250L;
        int action = random.nextInt(4);
        boolean partial = random.nextBoolean();
        String id = String.valueOf(key);
        return switch (action) {
            case 0, 1 -> () -> client.yoyo("/yoyo/transaction", transaction(id, token, type, amount, store[0], store[1], store[2]));
            case 2 -> () -> client.yoyo("/yoyo/advise", advise("FINALISE", id, partial ? amount - 100 : null));
            default -> () -> client.yoyo("/yoyo/advise", advise("REVERSE", id, null));
        };
    }

    /** An order to a branch or a terminal, stored and taken through a random path of states. */
    private Callable<Object> orderCall(Random random, String orderId) {
        int destination = random.nextInt(3);
        int path = random.nextInt(7);
        int price = 100 + random.nextInt(5_000);
        return () -> {
            String total = "%d.%02d".formatted(price / 100, price % 100);
            PosOrder order = new PosOrder(orderId, destination == 2 ? "TERM-9" : null,
                    destination == 2 ? null : BRANCHES[destination], null, null, null, null, null,
                    List.of(new PosOrder.Line("sku", "Thing", total, "1", "20", null, null, null)),
                    List.of(new PosOrder.Payment("CASH", total)), null, null, null);
            TokenxBasket basket = basketMapper.map(order);
            orders.accept(new IncomingOrder(order, basket, ReconciliationClient.JSON.writeValueAsString(basket),
                    "fingerprint-" + orderId, "HTTP"));
            List<OrderState> steps = switch (path) {
                case 0 -> List.of(OrderState.SENDING, OrderState.SENT, OrderState.LOCKED, OrderState.COMPLETED);
                case 1 -> List.of(OrderState.SENDING, OrderState.SENT, OrderState.COMPLETED);
                case 2 -> List.of(OrderState.SENDING, OrderState.SENT, OrderState.CANCELLED);
                case 3 -> List.of(OrderState.REJECTED);
                case 4 -> List.of(OrderState.SENDING, OrderState.WAITING);
                case 5 -> List.of(OrderState.DELETED);
                default -> List.of();
            };
            for (OrderState step : steps) {
                assertThat(orders.move(orderId, step, "test", null, null, null)).as(orderId + " to " + step).isTrue();
            }
            return orderId;
        };
    }

    /** A hold that expired and whose account can no longer cover it when its FINALISE finally comes. */
    private void refusedLateFinalise() {
        client.account("late", "ZAR", 1_000, "760001", "760002");
        assertThat(client.yoyo("/yoyo/transaction", transaction("860001", "760001", "PAYMENT", 800, "1050", null, null))
                .code()).isEqualTo("-1");
        clock.advance(Duration.ofMinutes(31));
        assertThat(expiry.sweep()).isEqualTo(1);
        assertThat(client.yoyo("/yoyo/transaction", transaction("860002", "760002", "PAYMENT", 900, "1050", null, null))
                .code()).isEqualTo("-1");
        assertThat(client.yoyo("/yoyo/advise", advise("FINALISE", "860002", null)).code()).isEqualTo("-1");
        assertThat(client.yoyo("/yoyo/advise", advise("FINALISE", "860001", null)).code()).isEqualTo("14");
    }

    // ---- the figures worked out again -----------------------------------------------------------------------------

    /** The day's rows from the rows of holds and orders themselves, with the day taken in Java, not in SQL. */
    private List<Row> expected(LocalDate day) {
        Map<String, Map<String, Figures>> rows = new TreeMap<>();
        db.sql("SELECT COALESCE(h.store, ''), a.currency, h.direction, h.amount, h.posted_amount, h.state, h.reconciliation, "
                        + "h.created_at, h.resolved_at FROM holds h JOIN accounts a ON a.id = h.account_id")
                .query((rs, n) -> {
                    long sign = rs.getString(3).equals("DEBIT") ? 1 : -1;
                    long held = sign * rs.getLong(4);
                    long posted = sign * rs.getLong(5);
                    String state = rs.getString(6);
                    String mark = rs.getString(7);
                    boolean created = onDay(rs.getObject(8, OffsetDateTime.class), day);
                    boolean resolved = onDay(rs.getObject(9, OffsetDateTime.class), day);
                    if (!created && !resolved) {
                        return null;
                    }
                    Figures f = rows.computeIfAbsent(rs.getString(1), s -> new TreeMap<>())
                            .computeIfAbsent(rs.getString(2), c -> new Figures());
                    if (created) {
                        f.add("created", held, 0);
                    }
                    if (created && state.equals("PENDING")) {
                        f.add("pending", held, 0);
                    }
                    if (resolved) {
                        f.add(state, held, posted);
                        if (state.equals("POSTED") && "posted after expiry".equals(mark)) {
                            f.add("late", held, posted);
                        }
                        if (state.equals("EXPIRED") && mark != null && mark.startsWith("post after expiry refused")) {
                            f.add("refused", held, 0);
                        }
                    }
                    return f;
                }).list();
        db.sql("SELECT COALESCE(branch_id, terminal_id), state, basket, received_at FROM orders").query((rs, n) -> {
            if (!onDay(rs.getObject(4, OffsetDateTime.class), day)) {
                return null;
            }
            long total = paymentsIn(rs.getString(3));
            Figures f = rows.computeIfAbsent(rs.getString(1), s -> new TreeMap<>()).computeIfAbsent("TRY", c -> new Figures());
            f.orders.merge(OrderState.valueOf(rs.getString(2)), new long[] {1, total}, (a, b) -> new long[] {a[0] + b[0], a[1] + b[1]});
            return f;
        }).list();
        List<Row> expected = new ArrayList<>();
        rows.forEach((store, byCurrency) -> byCurrency.forEach((currency, f) -> expected.add(f.row(store, currency))));
        return expected;
    }

    /** The sum of a stored basket's payment items, read from its JSON. */
    private static long paymentsIn(String basketJson) {
        try {
            long total = 0;
            for (JsonNode payment : ReconciliationClient.JSON.readTree(basketJson).path("paymentItems")) {
                total += payment.path("amount").asLong();
            }
            return total;
        } catch (Exception e) {
            throw new AssertionError("a stored basket that is not JSON: " + basketJson, e);
        }
    }

    private static boolean onDay(OffsetDateTime at, LocalDate day) {
        return at != null && at.atZoneSameInstant(ZONE).toLocalDate().equals(day);
    }

    /** Per store and currency, and per currency: what the report says was posted is what the entries moved that day. */
    private void assertPostedTiesOutWithSettlementEntries(DayReport report, LocalDate day) {
        OffsetDateTime from = day.atStartOfDay(ZONE).toOffsetDateTime();
        OffsetDateTime to = day.plusDays(1).atStartOfDay(ZONE).toOffsetDateTime();
        Map<String, Long> settlementByCurrency = new TreeMap<>();
        db.sql("SELECT a.currency, SUM(e.amount) FROM entries e JOIN accounts a ON a.id = e.account_id "
                        + "WHERE a.kind = 'SETTLEMENT' AND e.created_at >= ? AND e.created_at < ? "
                        + "AND e.transfer_id IN (SELECT transfer_id FROM holds) GROUP BY a.currency")
                .params(from, to).query((rs, n) -> settlementByCurrency.put(rs.getString(1), rs.getLong(2))).list();
        Map<String, Long> reportedByCurrency = new TreeMap<>();
        for (Row row : report.rows()) {
            if (row.holdsFinalised().count() > 0) {
                reportedByCurrency.merge(row.currency(), row.holdsFinalised().posted(), Long::sum);
            }
        }
        assertThat(reportedByCurrency).as("posted per currency on " + day + " = the settlement account's entries")
                .isEqualTo(settlementByCurrency);
        assertThat(settlementByCurrency.keySet()).as("both currencies moved on " + day).contains("ZAR", "USD");

        Map<String, Long> customerByStore = new TreeMap<>();
        db.sql("SELECT COALESCE(h.store, '') || '|' || a.currency, -SUM(e.amount) FROM entries e "
                        + "JOIN holds h ON h.transfer_id = e.transfer_id JOIN accounts a ON a.id = e.account_id "
                        + "WHERE a.kind = 'CUSTOMER' AND e.created_at >= ? AND e.created_at < ? "
                        + "GROUP BY COALESCE(h.store, '') || '|' || a.currency")
                .params(from, to).query((rs, n) -> customerByStore.put(rs.getString(1), rs.getLong(2))).list();
        Map<String, Long> reportedByStore = new TreeMap<>();
        for (Row row : report.rows()) {
            if (row.holdsFinalised().count() > 0 && !row.currency().equals("TRY")) {
                reportedByStore.put(row.store() + "|" + row.currency(), row.holdsFinalised().posted());
            }
        }
        assertThat(reportedByStore).as("posted per store on " + day + " = the customers' entries of those holds")
                .isEqualTo(customerByStore);
    }

    /** One row's figures, added up hold by hold and order by order. */
    private static final class Figures {
        final Map<String, long[]> holds = new TreeMap<>();
        final Map<OrderState, long[]> orders = new TreeMap<>(Comparator.naturalOrder());

        void add(String bucket, long held, long posted) {
            long[] sums = holds.computeIfAbsent(bucket, b -> new long[3]);
            sums[0]++;
            sums[1] += held;
            sums[2] += posted;
        }

        Tally tally(String bucket) {
            long[] sums = holds.getOrDefault(bucket, new long[3]);
            return new Tally(sums[0], sums[1]);
        }

        Posting posting(String bucket) {
            long[] sums = holds.getOrDefault(bucket, new long[3]);
            return new Posting(sums[0], sums[1], sums[2]);
        }

        Row row(String store, String currency) {
            List<OrderTally> tallies = new ArrayList<>();
            orders.forEach((state, sums) -> tallies.add(new OrderTally(state.name(), sums[0], sums[1])));
            return new Row(store, currency, tally("created"), posting("POSTED"), tally("REVERSED"), tally("EXPIRED"),
                    tally("pending"), posting("late"), tally("refused"), tallies);
        }
    }

    // ---- helpers --------------------------------------------------------------------------------------------------

    private DayReport report(String dateAndQuery) {
        ReconciliationClient.Answer answer = client.get("/api/reconciliation?date=" + dateAndQuery,
                ReconciliationClient.ADMIN, "application/json");
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        try {
            return ReconciliationClient.JSON.readValue(answer.body(), DayReport.class);
        } catch (Exception e) {
            throw new AssertionError("not a day report: " + answer.body(), e);
        }
    }

    private static Row only(DayReport report) {
        assertThat(report.rows()).hasSize(1);
        return report.rows().get(0);
    }

    private void setClock(String instant) {
        clock.advance(Duration.between(clock.instant(), Instant.parse(instant)));
    }

    private static void runConcurrently(List<Callable<Object>> calls) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            List<Future<Object>> futures = new ArrayList<>();
            for (Callable<Object> call : calls) {
                futures.add(pool.submit(call));
            }
            Set<String> codes = new HashSet<>();
            for (Future<Object> f : futures) {
                if (f.get() instanceof ReconciliationClient.Answer answer) {
                    codes.add(answer.code());
                }
            }
            assertThat(codes).contains("-1").doesNotContain("99");
        } finally {
            pool.shutdownNow();
        }
    }
}
