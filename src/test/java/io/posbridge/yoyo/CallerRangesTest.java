package io.posbridge.yoyo;

import static org.assertj.core.api.Assertions.assertThat;

import io.posbridge.support.FreshPostgres;
import java.net.URI;
import java.net.http.HttpRequest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

/**
 * With posbridge.yoyo.allowed-cidrs and posbridge.webhooks.allowed-cidrs set, a caller outside the ranges (this
 * test, on 127.0.0.1) is refused and nothing changes, also when it names an allowed address in X-Forwarded-For:
 * there are no trusted proxies. As on Kubernetes, where Spring Boot on its own would believe the header from any
 * private address, 127.0.0.1 included. Both halves in one context, which is slow to start.
 */
@FreshPostgres
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"posbridge.yoyo.allowed-cidrs=10.20.0.0/16,2001:db8::/32,203.0.113.0/24",
                "posbridge.webhooks.allowed-cidrs=10.30.0.0/16,203.0.113.0/24",
                "spring.main.cloud-platform=kubernetes"})
@ActiveProfiles("test")
class CallerRangesTest {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient db;

    @Test
    void aCallerOutsideTheRangesIsRefused() {
        YoyoClient yoyo = new YoyoClient(port);
        yoyo.account("range-1", 1_000, "330001");
        YoyoClient.Answer answer = yoyo.post("/yoyo/transaction", YoyoClient.transaction("1", "330001", "PAYMENT", 100, 0));
        assertThat(answer.code()).isEqualTo(YoyoResponseCode.CALLER_NOT_ALLOWED.code());
        assertThat(db.sql("SELECT count(*) FROM holds").query(Long.class).single()).isZero();
    }

    @Test
    void aCallerOutsideTheRangesIsRefusedWithOrWithoutCredentials() {
        YoyoClient yoyo = new YoyoClient(port);
        yoyo.account("range-2", 1_000, "330002");
        assertThat(yoyo.post("/yoyo/token-info", YoyoClient.seedTokenInfo("330002")).code())
                .isEqualTo(YoyoResponseCode.CALLER_NOT_ALLOWED.code());
        assertThat(yoyo.post("/yoyo/token-info", YoyoClient.tokenInfo("330002")).code())
                .isEqualTo(YoyoResponseCode.CALLER_NOT_ALLOWED.code());
    }

    @Test
    void anAllowedAddressInXForwardedForIsNotBelievedFromAnUntrustedPeer() {
        YoyoClient yoyo = new YoyoClient(port);
        yoyo.account("range-3", 1_000, "330003");
        assertThat(yoyo.post("/yoyo/transaction", YoyoClient.transaction("3", "330003", "PAYMENT", 100, 0), "203.0.113.9")
                .code()).isEqualTo(YoyoResponseCode.CALLER_NOT_ALLOWED.code());
        assertThat(yoyo.post("/yoyo/token-info", YoyoClient.tokenInfo("330003"), "10.20.0.5").code())
                .isEqualTo(YoyoResponseCode.CALLER_NOT_ALLOWED.code());
        assertThat(yoyo.webhook("b-2", "203.0.113.9").status()).isEqualTo(401);
        assertThat(db.sql("SELECT count(*) FROM holds").query(Long.class).single()).isZero();
        assertThat(db.sql("SELECT count(*) FROM order_events").query(Long.class).single()).isZero();
    }

    @Test
    void aWebhookFromOutsideTheRangesIsRefusedAndNotKept() {
        YoyoClient.Answer answer = new YoyoClient(port).send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/webhooks/tokenx"))
                .header("Content-Type", "application/json").header("Authorization", "Bearer test-callback")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"operation\":\"BASKET_LOCKED\",\"data\":{\"basketID\":\"b-1\"}}")).build());
        assertThat(answer.status()).isEqualTo(401);
        assertThat(db.sql("SELECT count(*) FROM order_events").query(Long.class).single()).isZero();
    }
}
