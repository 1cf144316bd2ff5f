package io.posbridge.yoyo;

import static io.posbridge.yoyo.YoyoClient.advise;
import static io.posbridge.yoyo.YoyoClient.transaction;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.posbridge.ledger.LedgerInvariants;
import io.posbridge.support.FreshPostgres;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

/** The ledger under concurrent calls: no double reservation, no negative balance, no cent lost. */
@FreshPostgres
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class YoyoConcurrencyTest {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient db;

    @Test
    void twoHundredIdenticalRequestsMakeOneHoldAndOneAnswer() throws Exception {
        YoyoClient yoyo = new YoyoClient(port);
        yoyo.account("same-1", 50_000, "880001");
        String request = transaction("777001", "880001", "PAYMENT", 1234, 0);

        List<JsonNode> answers = runConcurrently(200, i -> () -> yoyo.post("/yoyo/transaction", request).body());

        assertThat(new HashSet<>(answers)).hasSize(1);
        assertThat(answers.get(0).path("responseCode").asText()).isEqualTo("-1");
        assertThat(db.sql("SELECT count(*) FROM holds WHERE hold_key = '777001'").query(Long.class).single()).isEqualTo(1);
        assertThat(yoyo.accountView("same-1").path("held").asLong()).isEqualTo(1234);
        LedgerInvariants.assertHold(db);
    }

    @Test
    void fiveHundredRandomCallsOverAFewAccountsKeepTheLedgerWhole() throws Exception {
        YoyoClient yoyo = new YoyoClient(port);
        int accounts = 4;
        int tokensPerAccount = 5;
        List<String> tokens = new ArrayList<>();
        for (int a = 0; a < accounts; a++) {
            String account = "busy-" + a;
            yoyo.account(account, 20_000, "99" + a + "00");
            tokens.add("99" + a + "00");
            for (int t = 1; t < tokensPerAccount; t++) {
                String token = "99" + a + "0" + t;
                yoyo.admin("POST", "/api/tokens", "{\"id\":\"" + token + "\",\"type\":\"WICODE\",\"accountId\":\"" + account + "\"}");
                tokens.add(token);
            }
        }
        Random random = new Random(42);
        int keys = 120;
        List<Callable<JsonNode>> calls = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            String key = String.valueOf(500_000 + random.nextInt(keys));
            String token = tokens.get(Integer.parseInt(key) % tokens.size());
            long amount = 1_000 + (Integer.parseInt(key) % 7) * 1_000;
            String type = Integer.parseInt(key) % 10 == 0 ? "DEPOSIT" : "PAYMENT";
            int action = random.nextInt(3);
            calls.add(switch (action) {
                case 0 -> () -> yoyo.post("/yoyo/transaction", transaction(key, token, type, amount, 0)).body();
                case 1 -> () -> yoyo.post("/yoyo/advise", advise("FINALISE", key, random.nextBoolean() ? null : amount / 2)).body();
                default -> () -> yoyo.post("/yoyo/advise", advise("REVERSE", key, null)).body();
            });
        }
        List<JsonNode> answers = runConcurrently(calls.size(), calls::get);

        Set<String> codes = new HashSet<>();
        answers.forEach(a -> codes.add(a.path("responseCode").asText()));
        assertThat(codes).contains("-1").doesNotContain(YoyoResponseCode.INTERNAL_ERROR.code());
        LedgerInvariants.assertHold(db);
        long posted = db.sql("SELECT count(*) FROM holds WHERE state = 'POSTED'").query(Long.class).single();
        assertThat(posted).as("some holds were posted").isPositive();

        long customers = db.sql("SELECT SUM(balance) FROM accounts WHERE kind = 'CUSTOMER'").query(Long.class).single();
        assertThat(yoyo.accountView("settlement:ZAR").path("balance").asLong())
                .as("the settlement account, summed over its stripes, mirrors the customers").isEqualTo(-customers);
        assertThat(db.sql("SELECT COUNT(DISTINCT account_id) FROM entries WHERE account_id LIKE 'settlement:%'")
                .query(Long.class).single()).as("transfers spread over the settlement stripes").isGreaterThan(1);
        long settlementEntries = db.sql("SELECT COUNT(*) FROM entries WHERE account_id LIKE 'settlement:%'")
                .query(Long.class).single();
        assertThat(yoyo.admin("GET", "/api/accounts/settlement:ZAR/entries", null).body()).hasSize((int) settlementEntries);
    }

    private interface CallFactory {
        Callable<JsonNode> call(int index);
    }

    private static List<JsonNode> runConcurrently(int count, CallFactory factory) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(64);
        try {
            List<Future<JsonNode>> futures = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                futures.add(pool.submit(factory.call(i)));
            }
            List<JsonNode> results = new ArrayList<>();
            for (Future<JsonNode> f : futures) {
                results.add(f.get());
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }
}
