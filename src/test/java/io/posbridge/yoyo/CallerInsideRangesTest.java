package io.posbridge.yoyo;

import static io.posbridge.yoyo.YoyoClient.advise;
import static io.posbridge.yoyo.YoyoClient.seedTokenInfo;
import static io.posbridge.yoyo.YoyoClient.tokenInfo;
import static io.posbridge.yoyo.YoyoClient.transaction;
import static io.posbridge.yoyo.YoyoClient.withWrongCredentials;
import static io.posbridge.yoyo.YoyoClient.withoutCredentials;
import static org.assertj.core.api.Assertions.assertThat;

import io.posbridge.ledger.LedgerInvariants;
import io.posbridge.support.FreshPostgres;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

/**
 * With allowed-cidrs holding the caller (this test, on 127.0.0.1), no trusted proxies and the default
 * posbridge.yoyo.credentials: the advise and token info Yoyo documents without vspCredentials are answered,
 * a transaction still needs them, wrong ones are refused, and an X-Forwarded-For header changes nothing.
 */
@FreshPostgres
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"posbridge.yoyo.allowed-cidrs=127.0.0.1/32", "posbridge.webhooks.allowed-cidrs=127.0.0.1/32"})
@ActiveProfiles("test")
class CallerInsideRangesTest {

    private static final String BAD_CREDENTIALS = YoyoResponseCode.BAD_CREDENTIALS.code();

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient db;

    @AfterEach
    void ledgerStillBalances() {
        LedgerInvariants.assertHold(db);
    }

    @Test
    void theSeedsTokenInfoWithoutCredentialsIsAnswered() {
        YoyoClient yoyo = new YoyoClient(port);
        yoyo.account("inside-1", 1_000, "440001");

        assertThat(yoyo.post("/yoyo/token-info", seedTokenInfo("440001")).code()).isEqualTo("-1");
        assertThat(yoyo.post("/yoyo/token-info", seedTokenInfo("440999")).code())
                .isEqualTo(YoyoResponseCode.UNKNOWN_TOKEN.code());
    }

    @Test
    void anAdviseWithoutCredentialsFinalisesOrReverses() {
        YoyoClient yoyo = new YoyoClient(port);
        yoyo.account("inside-2", 10_000, "440002");
        assertThat(yoyo.post("/yoyo/transaction", transaction("4400021", "440002", "PAYMENT", 3000, 0)).code()).isEqualTo("-1");
        assertThat(yoyo.post("/yoyo/advise", withoutCredentials(advise("FINALISE", "4400021", null))).code()).isEqualTo("-1");

        assertThat(yoyo.post("/yoyo/transaction", transaction("4400022", "440002", "PAYMENT", 2000, 0)).code()).isEqualTo("-1");
        assertThat(yoyo.post("/yoyo/advise", withoutCredentials(advise("REVERSE", "4400022", null))).code()).isEqualTo("-1");

        assertThat(yoyo.accountView("inside-2").path("balance").asLong()).isEqualTo(7_000);
        assertThat(yoyo.accountView("inside-2").path("held").asLong()).isZero();
    }

    @Test
    void aTransactionStillNeedsItsCredentialsAndWrongOnesAreAlwaysRefused() {
        YoyoClient yoyo = new YoyoClient(port);
        yoyo.account("inside-3", 10_000, "440003");

        assertThat(yoyo.post("/yoyo/transaction", withoutCredentials(transaction("4400031", "440003", "PAYMENT", 3000, 0)))
                .code()).isEqualTo(BAD_CREDENTIALS);
        assertThat(yoyo.post("/yoyo/transaction", withWrongCredentials(transaction("4400032", "440003", "PAYMENT", 3000, 0)))
                .code()).isEqualTo(BAD_CREDENTIALS);
        assertThat(yoyo.post("/yoyo/token-info", withWrongCredentials(tokenInfo("440003"))).code()).isEqualTo(BAD_CREDENTIALS);

        assertThat(yoyo.post("/yoyo/transaction", transaction("4400033", "440003", "PAYMENT", 3000, 0)).code()).isEqualTo("-1");
        assertThat(yoyo.post("/yoyo/advise", withWrongCredentials(advise("FINALISE", "4400033", null))).code())
                .isEqualTo(BAD_CREDENTIALS);
        assertThat(yoyo.accountView("inside-3").path("balance").asLong()).isEqualTo(10_000);
        assertThat(yoyo.accountView("inside-3").path("held").asLong()).isEqualTo(3_000);
    }

    @Test
    void aForwardedForHeaderFromAPeerThatIsNoTrustedProxyIsIgnored() {
        YoyoClient yoyo = new YoyoClient(port);
        yoyo.account("inside-4", 1_000, "440004");

        // 127.0.0.1 is allowed; the header's 203.0.113.9 is not, and is not believed either.
        assertThat(yoyo.post("/yoyo/token-info", tokenInfo("440004"), "203.0.113.9").code()).isEqualTo("-1");
        assertThat(yoyo.webhook("b-inside-4", "203.0.113.9").status()).isEqualTo(200);
    }
}
