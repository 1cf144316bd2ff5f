package io.posbridge.yoyo;

import static io.posbridge.yoyo.YoyoClient.advise;
import static io.posbridge.yoyo.YoyoClient.transaction;
import static org.assertj.core.api.Assertions.assertThat;

import io.posbridge.ledger.HoldExpiry;
import io.posbridge.ledger.LedgerInvariants;
import io.posbridge.support.FreshPostgres;
import io.posbridge.support.MutableClock;
import io.posbridge.support.MutableClockConfiguration;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

/** Holds that get no advise in time are released, and a late FINALISE is posted or refused, never lost. */
@FreshPostgres
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"posbridge.yoyo.hold-timeout=30m", "posbridge.yoyo.sweep-interval=1h"})
@ActiveProfiles("test")
@Import(MutableClockConfiguration.class)
class HoldExpiryTest {

    @LocalServerPort
    int port;

    @Autowired
    MutableClock clock;

    @Autowired
    HoldExpiry expiry;

    @Autowired
    JdbcClient db;

    YoyoClient yoyo;

    @BeforeEach
    void client() {
        yoyo = new YoyoClient(port);
    }

    @Test
    void anUnadvisedHoldExpiresAndFreesFundsAndToken() {
        yoyo.account("exp-1", 5_000, "550001");
        yoyo.post("/yoyo/transaction", transaction("610001", "550001", "PAYMENT", 4_000, 0));

        clock.advance(Duration.ofMinutes(29));
        assertThat(expiry.sweep()).isZero();
        clock.advance(Duration.ofMinutes(2));
        assertThat(expiry.sweep()).isEqualTo(1);
        assertThat(expiry.sweep()).isZero();

        assertThat(state("610001")).isEqualTo("EXPIRED");
        assertThat(yoyo.accountView("exp-1").path("available").asLong()).isEqualTo(5_000);
        assertThat(yoyo.post("/yoyo/token-info", YoyoClient.tokenInfo("550001")).code()).isEqualTo("-1");
        assertThat(yoyo.post("/yoyo/advise", advise("REVERSE", "610001", null)).code()).isEqualTo("-1");
        LedgerInvariants.assertHold(db);
    }

    @Test
    void aLateFinaliseIsPostedWhenFundsStillCoverItAndMarkedForReconciliation() {
        yoyo.account("exp-2", 5_000, "550002");
        yoyo.post("/yoyo/transaction", transaction("610002", "550002", "PAYMENT", 4_000, 0));
        clock.advance(Duration.ofHours(1));
        expiry.sweep();

        assertThat(yoyo.post("/yoyo/advise", advise("FINALISE", "610002", null)).code()).isEqualTo("-1");
        assertThat(state("610002")).isEqualTo("POSTED");
        assertThat(yoyo.accountView("exp-2").path("balance").asLong()).isEqualTo(1_000);
        assertThat(yoyo.admin("GET", "/api/holds?state=POSTED", null).body().findValuesAsText("reconciliation"))
                .contains("posted after expiry");
        LedgerInvariants.assertHold(db);
    }

    @Test
    void aLateFinaliseIsRefusedWhenTheFundsWereSpentAndMarkedForReconciliation() {
        yoyo.account("exp-3", 5_000, "550003");
        yoyo.post("/yoyo/transaction", transaction("610003", "550003", "PAYMENT", 4_000, 0));
        clock.advance(Duration.ofHours(1));
        expiry.sweep();
        yoyo.post("/yoyo/transaction", transaction("610004", "550003", "PAYMENT", 3_000, 0));
        yoyo.post("/yoyo/advise", advise("FINALISE", "610004", null));

        assertThat(yoyo.post("/yoyo/advise", advise("FINALISE", "610003", null)).code())
                .isEqualTo(YoyoResponseCode.HOLD_EXPIRED.code());
        assertThat(state("610003")).isEqualTo("EXPIRED");
        assertThat(yoyo.accountView("exp-3").path("balance").asLong()).isEqualTo(2_000);
        assertThat(db.sql("SELECT reconciliation FROM holds WHERE hold_key = '610003'").query(String.class).single())
                .contains("refused");
        LedgerInvariants.assertHold(db);
    }

    private String state(String key) {
        return db.sql("SELECT state FROM holds WHERE hold_key = ?").param(key).query(String.class).single();
    }
}
