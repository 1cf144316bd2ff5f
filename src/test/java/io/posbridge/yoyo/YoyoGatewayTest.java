package io.posbridge.yoyo;

import static io.posbridge.yoyo.YoyoClient.advise;
import static io.posbridge.yoyo.YoyoClient.seedTokenInfo;
import static io.posbridge.yoyo.YoyoClient.tokenInfo;
import static io.posbridge.yoyo.YoyoClient.transaction;
import static io.posbridge.yoyo.YoyoClient.withoutCredentials;
import static org.assertj.core.api.Assertions.assertThat;

import io.posbridge.ledger.LedgerInvariants;
import io.posbridge.support.FreshPostgres;
import io.posbridge.yoyo.YoyoClient.Answer;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

/** Every rule of the VSP gateway, over HTTP, against a real PostgreSQL ledger. */
@FreshPostgres
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"posbridge.yoyo.vsp-number=1234", "posbridge.yoyo.vsp-name=vsp_name"})
@ActiveProfiles("test")
class YoyoGatewayTest {

    private static final AtomicInteger IDS = new AtomicInteger(1000);

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient db;

    YoyoClient yoyo;
    String account;
    String token;

    @BeforeEach
    void accountWithToken() {
        yoyo = new YoyoClient(port);
        int n = IDS.incrementAndGet();
        account = "acc-" + n;
        token = "70" + n;
        yoyo.account(account, 10_000, token);
    }

    @AfterEach
    void ledgerStillBalances() {
        LedgerInvariants.assertHold(db);
    }

    private String newKey() {
        return String.valueOf(IDS.incrementAndGet() * 10);
    }

    @Test
    void theSeedTransactionReservesAndAnswersLikeTheExample() {
        Answer answer = yoyo.post("/yoyo/transaction", transaction("430376", token, "PAYMENT", 8500, 0));

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.code()).isEqualTo("-1");
        assertThat(answer.body().path("responseDesc").asText()).isEqualTo("Success");
        assertThat(answer.body().path("responseDescription").asText()).isEqualTo("Success");
        assertThat(answer.body().path("vspTrxId").asText()).isNotBlank();
        assertThat(answer.body().path("totalAmountProcessed").asLong()).isEqualTo(8500);
        assertThat(answer.body().path("basketAmountProcessed").asLong()).isEqualTo(8500);
        assertThat(answer.body().path("cashbackAmountProcessed").asLong()).isZero();
        assertThat(answer.body().path("id").asLong()).isEqualTo(1234);
        assertThat(answer.body().path("name").asText()).isEqualTo("vsp_name");
        assertThat(yoyo.accountView(account).path("held").asLong()).isEqualTo(8500);
        assertThat(yoyo.accountView(account).path("available").asLong()).isEqualTo(1500);
    }

    @Test
    void aRepeatGetsTheFirstAnswerAndAConflictingRequestIsRefused() {
        String key = newKey();
        Answer first = yoyo.post("/yoyo/transaction", transaction(key, token, "PAYMENT", 3000, 0));
        Answer repeat = yoyo.post("/yoyo/transaction", transaction(key, token, "PAYMENT", 3000, 0));
        Answer conflicting = yoyo.post("/yoyo/transaction", transaction(key, token, "PAYMENT", 3100, 0));

        assertThat(repeat.body()).isEqualTo(first.body());
        assertThat(conflicting.code()).isEqualTo(YoyoResponseCode.DUPLICATE_TRANSACTION.code());
        assertThat(yoyo.accountView(account).path("held").asLong()).isEqualTo(3000);
    }

    @Test
    void aTokenServesOneOpenTransactionAtATime() {
        String first = newKey();
        assertThat(yoyo.post("/yoyo/transaction", transaction(first, token, "PAYMENT", 1000, 0)).code()).isEqualTo("-1");

        Answer second = yoyo.post("/yoyo/transaction", transaction(newKey(), token, "PAYMENT", 1000, 0));
        assertThat(second.code()).isEqualTo(YoyoResponseCode.TOKEN_BUSY.code());
        assertThat(yoyo.post("/yoyo/token-info", tokenInfo(token)).code()).isEqualTo(YoyoResponseCode.TOKEN_BUSY.code());

        assertThat(yoyo.post("/yoyo/advise", advise("REVERSE", first, null)).code()).isEqualTo("-1");
        assertThat(yoyo.post("/yoyo/token-info", tokenInfo(token)).code()).isEqualTo("-1");
        assertThat(yoyo.post("/yoyo/transaction", transaction(newKey(), token, "PAYMENT", 1000, 0)).code()).isEqualTo("-1");
    }

    @Test
    void finalisePostsTheProcessedAmountAndReleasesTheRest() {
        String key = newKey();
        yoyo.post("/yoyo/transaction", transaction(key, token, "PAYMENT", 8000, 500));

        assertThat(yoyo.post("/yoyo/advise", advise("FINALISE", key, 9000L)).code())
                .isEqualTo(YoyoResponseCode.AMOUNT_EXCEEDS_RESERVED.code());
        assertThat(yoyo.post("/yoyo/advise", advise("FINALISE", key, 6000L)).code()).isEqualTo("-1");

        assertThat(yoyo.accountView(account).path("balance").asLong()).isEqualTo(4000);
        assertThat(yoyo.accountView(account).path("held").asLong()).isZero();
        assertThat(db.sql("SELECT amount FROM entries WHERE transfer_id = (SELECT transfer_id FROM holds WHERE hold_key = ?) "
                + "ORDER BY amount").param(key).query(Long.class).list()).containsExactly(-6000L, 6000L);
    }

    @Test
    void aHoldResolvesExactlyOnce() {
        String finalised = newKey();
        yoyo.post("/yoyo/transaction", transaction(finalised, token, "PAYMENT", 1000, 0));
        assertThat(yoyo.post("/yoyo/advise", advise("FINALISE", finalised, null)).code()).isEqualTo("-1");
        assertThat(yoyo.post("/yoyo/advise", advise("FINALISE", finalised, null)).code()).isEqualTo("-1");
        assertThat(yoyo.post("/yoyo/advise", advise("REVERSE", finalised, null)).code())
                .isEqualTo(YoyoResponseCode.ALREADY_FINALISED.code());

        String reversed = newKey();
        yoyo.post("/yoyo/transaction", transaction(reversed, token, "PAYMENT", 1000, 0));
        assertThat(yoyo.post("/yoyo/advise", advise("REVERSE", reversed, null)).code()).isEqualTo("-1");
        assertThat(yoyo.post("/yoyo/advise", advise("REVERSE", reversed, null)).code()).isEqualTo("-1");
        assertThat(yoyo.post("/yoyo/advise", advise("FINALISE", reversed, null)).code())
                .isEqualTo(YoyoResponseCode.ALREADY_REVERSED.code());

        assertThat(yoyo.accountView(account).path("balance").asLong()).isEqualTo(9000);
        assertThat(db.sql("SELECT count(*) FROM entries WHERE account_id = ?").param(account).query(Long.class).single())
                .isEqualTo(2);
    }

    @Test
    void adviseFindsTheHoldByOurVspTrxIdAlone() {
        String key = newKey();
        String vspTrxId = yoyo.post("/yoyo/transaction", transaction(key, token, "PAYMENT", 1000, 0))
                .body().path("vspTrxId").asText();
        String body = """
                {"action":"FINALISE","originalTrx":{"vspTrxId":"%s","type":"PAYMENT"},
                 "vspCredentials":{"id":"DummyVSP","password":"test"}}""".formatted(vspTrxId);
        assertThat(yoyo.post("/yoyo/advise", body).code()).isEqualTo("-1");
        assertThat(yoyo.accountView(account).path("balance").asLong()).isEqualTo(9000);

        String mismatched = """
                {"action":"FINALISE","originalTrx":{"wiTrxId":%s,"vspTrxId":"999999999"},
                 "vspCredentials":{"id":"DummyVSP","password":"test"}}""".formatted(key);
        assertThat(yoyo.post("/yoyo/advise", mismatched).code()).isEqualTo(YoyoResponseCode.UNKNOWN_TRANSACTION.code());
        assertThat(yoyo.post("/yoyo/advise", advise("FINALISE", "424242424", null)).code())
                .isEqualTo(YoyoResponseCode.UNKNOWN_TRANSACTION.code());
    }

    @Test
    void aDepositIsCreditedOnlyWhenFinalised() {
        String key = newKey();
        assertThat(yoyo.post("/yoyo/transaction", transaction(key, token, "DEPOSIT", 2500, 0)).code()).isEqualTo("-1");
        assertThat(yoyo.accountView(account).path("balance").asLong()).isEqualTo(10_000);
        assertThat(yoyo.accountView(account).path("held").asLong()).isZero();

        assertThat(yoyo.post("/yoyo/advise", advise("FINALISE", key, null)).code()).isEqualTo("-1");
        assertThat(yoyo.accountView(account).path("balance").asLong()).isEqualTo(12_500);
    }

    @Test
    void aWithdrawalReservesLikeAPayment() {
        String key = newKey();
        assertThat(yoyo.post("/yoyo/transaction", transaction(key, token, "WITHDRAWAL", 4000, 0)).code()).isEqualTo("-1");
        assertThat(yoyo.accountView(account).path("held").asLong()).isEqualTo(4000);
        yoyo.post("/yoyo/advise", advise("FINALISE", key, null));
        assertThat(yoyo.accountView(account).path("balance").asLong()).isEqualTo(6000);
    }

    @Test
    void refusalsChangeNothing() {
        long holdsBefore = holdCount();
        assertThat(yoyo.post("/yoyo/transaction", transaction(newKey(), token, "PAYMENT", 10_001, 0)).code())
                .isEqualTo(YoyoResponseCode.INSUFFICIENT_FUNDS.code());
        assertThat(yoyo.post("/yoyo/transaction", transaction(newKey(), "no-such-token", "PAYMENT", 100, 0)).code())
                .isEqualTo(YoyoResponseCode.UNKNOWN_TOKEN.code());
        assertThat(yoyo.post("/yoyo/transaction", transaction(newKey(), token, "DEPOSIT", 100, 50)).code())
                .isEqualTo(YoyoResponseCode.CASHBACK_NOT_ALLOWED.code());
        String wrongTotal = transaction(newKey(), token, "PAYMENT", 100, 0).replace("\"totalAmount\":100", "\"totalAmount\":150");
        assertThat(yoyo.post("/yoyo/transaction", wrongTotal).code()).isEqualTo(YoyoResponseCode.AMOUNTS_INCONSISTENT.code());
        String badPassword = transaction(newKey(), token, "PAYMENT", 100, 0).replace("\"password\":\"test\"", "\"password\":\"guess\"");
        assertThat(yoyo.post("/yoyo/transaction", badPassword).code()).isEqualTo(YoyoResponseCode.BAD_CREDENTIALS.code());
        String noCredentials = transaction(newKey(), token, "PAYMENT", 100, 0)
                .replace("\"vspCredentials\":{\"id\":\"DummyVSP\",\"password\":\"test\"},", "");
        assertThat(yoyo.post("/yoyo/transaction", noCredentials).code()).isEqualTo(YoyoResponseCode.BAD_CREDENTIALS.code());

        assertThat(holdCount()).isEqualTo(holdsBefore);
        assertThat(yoyo.accountView(account).path("available").asLong()).isEqualTo(10_000);
    }

    @Test
    void withNoAllowedRangesEveryCallNeedsItsCredentials() {
        String key = newKey();
        assertThat(yoyo.post("/yoyo/transaction", transaction(key, token, "PAYMENT", 1000, 0)).code()).isEqualTo("-1");

        // Advise and token info may go without them only where allowed-cidrs vouch for the caller; here there are none.
        assertThat(yoyo.post("/yoyo/token-info", seedTokenInfo(token)).code())
                .isEqualTo(YoyoResponseCode.BAD_CREDENTIALS.code());
        assertThat(yoyo.post("/yoyo/advise", withoutCredentials(advise("FINALISE", key, null))).code())
                .isEqualTo(YoyoResponseCode.BAD_CREDENTIALS.code());
        assertThat(yoyo.post("/yoyo/advise", withoutCredentials(advise("REVERSE", key, null))).code())
                .isEqualTo(YoyoResponseCode.BAD_CREDENTIALS.code());

        assertThat(yoyo.accountView(account).path("balance").asLong()).isEqualTo(10_000);
        assertThat(yoyo.accountView(account).path("held").asLong()).isEqualTo(1000);
    }

    @Test
    void aBlockedTokenIsRefused() {
        assertThat(yoyo.admin("POST", "/api/tokens/" + token + "/block", null).status()).isEqualTo(200);
        assertThat(yoyo.post("/yoyo/transaction", transaction(newKey(), token, "PAYMENT", 100, 0)).code())
                .isEqualTo(YoyoResponseCode.TOKEN_BLOCKED.code());
        assertThat(yoyo.post("/yoyo/token-info", tokenInfo(token)).code()).isEqualTo(YoyoResponseCode.TOKEN_BLOCKED.code());
        assertThat(yoyo.post("/yoyo/token-info", tokenInfo("unknown-1")).code()).isEqualTo(YoyoResponseCode.UNKNOWN_TOKEN.code());
    }

    @Test
    void acceptsEveryDocumentedSpelling() {
        String key = newKey();
        String variant = """
                {"wiTrxID":"%s","token":{"id":%s,"type":"WICODE"},"type":"PAYMENT",
                 "storeTrxDetails":{"remoteStoreID":"10501","retailerID":999,"basketId":"b","trxID":"t","posID":"p"},
                 "totalAmount":"700","basketAmount":600,"cashbackAmount":100,"someFutureField":{"x":1},
                 "vspCredentials":{"id":"DummyVSP","password":"test"}}""".formatted(key, token);
        Answer answer = yoyo.post("/yoyo/transaction", variant);
        assertThat(answer.code()).isEqualTo("-1");
        assertThat(answer.body().path("cashbackAmountProcessed").asLong()).isEqualTo(100);
        assertThat(db.sql("SELECT details FROM holds WHERE hold_key = ?").param(key).query(String.class).single())
                .contains("remoteStoreId=10501", "retailerId=999", "trxId=t", "posId=p");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"wiTrxId\":1,\"token\":{\"id\":\"T\"},\"type\":\"PAYMENT\",\"storeTrxDetails\":{\"storeId\":1},\"totalAmount\":\"lots\",\"basketAmount\":1}",
        "{\"wiTrxId\":1,\"token\":{\"id\":\"T\"},\"type\":\"PAYMENT\",\"storeTrxDetails\":{\"storeId\":1},\"totalAmount\":1e30,\"basketAmount\":1}",
        "{\"wiTrxId\":1,\"token\":{\"id\":\"T\"},\"type\":\"PAYMENT\",\"storeTrxDetails\":{\"storeId\":1},\"totalAmount\":99999999999999999999,\"basketAmount\":1}",
        "{\"wiTrxId\":1,\"token\":{\"id\":\"T\"},\"type\":\"PAYMENT\",\"storeTrxDetails\":{\"storeId\":1},\"totalAmount\":-5,\"basketAmount\":-5}",
        "{\"wiTrxId\":1,\"token\":{\"id\":\"T\"},\"type\":\"PAYMENT\",\"storeTrxDetails\":{\"storeId\":1},\"totalAmount\":85.5,\"basketAmount\":85.5}",
        "{\"wiTrxId\":1,\"token\":{\"id\":\"T\"},\"type\":\"PAYMENT\",\"storeTrxDetails\":{\"storeId\":1},\"basketAmount\":1}",
        "{\"wiTrxId\":1,\"token\":{\"id\":\"T\"},\"type\":\"REFUND\",\"storeTrxDetails\":{\"storeId\":1},\"totalAmount\":1,\"basketAmount\":1}",
        "{\"wiTrxId\":1,\"token\":{\"id\":\"T\"},\"type\":\"PAYMENT\",\"storeTrxDetails\":{\"remoteStoreId\":\"1\"},\"totalAmount\":1,\"basketAmount\":1}",
        "{\"token\":{\"id\":\"T\"},\"type\":\"PAYMENT\",\"storeTrxDetails\":{\"storeId\":1},\"totalAmount\":1,\"basketAmount\":1}",
        "{\"wiTrxId\":1,\"token\":\"T\",\"type\":\"PAYMENT\",\"storeTrxDetails\":{\"storeId\":1},\"totalAmount\":1,\"basketAmount\":1}",
        "{\"wiTrxId\":[1,2],\"token\":{\"id\":\"T\"},\"type\":\"PAYMENT\",\"storeTrxDetails\":{\"storeId\":1},\"totalAmount\":1,\"basketAmount\":1}"
    })
    void malformedRequestsGetTheirCodeAndWriteNothing(String body) {
        long holdsBefore = holdCount();
        String withCredentials = body.substring(0, body.length() - 1) + ",\"vspCredentials\":{\"id\":\"DummyVSP\",\"password\":\"test\"}}";
        Answer answer = yoyo.post("/yoyo/transaction", withCredentials.replace("\"T\"", "\"" + token + "\""));
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.code()).isEqualTo(YoyoResponseCode.MALFORMED_REQUEST.code());
        assertThat(answer.body().path("responseDesc").asText()).startsWith("Invalid request: ");
        assertThat(holdCount()).isEqualTo(holdsBefore);
    }

    @Test
    void aBodyThatIsNotJsonIs400AndAnOversizedOneIs413() {
        Answer notJson = yoyo.post("/yoyo/transaction", "wiTrxId=1&token=2");
        assertThat(notJson.status()).isEqualTo(400);
        assertThat(notJson.code()).isEqualTo(YoyoResponseCode.MALFORMED_REQUEST.code());

        long holdsBefore = holdCount();
        String huge = transaction(newKey(), token, "PAYMENT", 100, 0).replace("\"discount\":[]",
                "\"discount\":[\"" + "x".repeat(1024 * 1024) + "\"]");
        Answer tooLarge = yoyo.post("/yoyo/transaction", huge);
        assertThat(tooLarge.status()).isEqualTo(413);
        assertThat(tooLarge.code()).isEqualTo(YoyoResponseCode.MALFORMED_REQUEST.code());
        assertThat(holdCount()).isEqualTo(holdsBefore);
    }

    @Test
    void theAdminApiNeedsItsCredentialsAndChangesNothingWithout() {
        var anonymous = java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + port
                        + "/api/accounts/" + account + "/credits"))
                .header("Content-Type", "application/json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"amount\":5000,\"reference\":\"sneaky\"}")).build();
        assertThat(yoyo.send(anonymous).status()).isEqualTo(401);
        assertThat(yoyo.accountView(account).path("balance").asLong()).isEqualTo(10_000);
    }

    @Test
    void adminCreditsAreIdempotentByReferenceAndAccountsByContent() {
        String credit = "{\"amount\":700,\"reference\":\"topup-7\"}";
        assertThat(yoyo.admin("POST", "/api/accounts/" + account + "/credits", credit).status()).isEqualTo(201);
        assertThat(yoyo.admin("POST", "/api/accounts/" + account + "/credits", credit).status()).isEqualTo(201);
        assertThat(yoyo.admin("POST", "/api/accounts/" + account + "/credits", "{\"amount\":800,\"reference\":\"topup-7\"}")
                .status()).isEqualTo(409);
        assertThat(yoyo.accountView(account).path("balance").asLong()).isEqualTo(10_700);

        assertThat(yoyo.admin("POST", "/api/accounts", "{\"id\":\"" + account + "\",\"currency\":\"ZAR\"}").status())
                .isEqualTo(201);
        assertThat(yoyo.admin("POST", "/api/accounts", "{\"id\":\"" + account + "\",\"currency\":\"EUR\"}").status())
                .isEqualTo(409);
        assertThat(yoyo.admin("POST", "/api/accounts", "{\"id\":\"bad id!\",\"currency\":\"zar\"}").body()
                .path("problems")).hasSize(2);
        assertThat(yoyo.admin("GET", "/api/accounts/" + account + "/entries", null).body()).hasSize(2);
        assertThat(yoyo.admin("GET", "/api/accounts/nobody", null).status()).isEqualTo(404);
    }

    private long holdCount() {
        return db.sql("SELECT count(*) FROM holds").query(Long.class).single();
    }
}
