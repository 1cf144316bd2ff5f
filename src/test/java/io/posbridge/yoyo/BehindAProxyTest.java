package io.posbridge.yoyo;

import static io.posbridge.yoyo.YoyoClient.seedTokenInfo;
import static io.posbridge.yoyo.YoyoClient.tokenInfo;
import static org.assertj.core.api.Assertions.assertThat;

import io.posbridge.support.FreshPostgres;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/**
 * posbridge behind an ingress: this test, on 127.0.0.1, plays the ingress (posbridge.trusted-proxies) and names the
 * caller in X-Forwarded-For. allowed-cidrs then judge that caller, not the ingress, for Yoyo and for webhooks; only
 * the address the trusted proxy itself saw counts, not what the caller claimed to its left.
 */
@FreshPostgres
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"posbridge.trusted-proxies=127.0.0.1/32",
                "posbridge.yoyo.allowed-cidrs=203.0.113.0/24,127.0.0.1/32",
                "posbridge.webhooks.allowed-cidrs=203.0.113.0/24,127.0.0.1/32"})
@ActiveProfiles("test")
class BehindAProxyTest {

    private static final String NOT_ALLOWED = YoyoResponseCode.CALLER_NOT_ALLOWED.code();

    @LocalServerPort
    int port;

    YoyoClient yoyo;

    @BeforeEach
    void client() {
        yoyo = new YoyoClient(port);
    }

    @Test
    void aYoyoCallIsJudgedByTheAddressTheProxyForwards() {
        yoyo.account("proxied-1", 1_000, "550001");

        assertThat(yoyo.post("/yoyo/token-info", tokenInfo("550001"), "203.0.113.9").code()).isEqualTo("-1");
        // The proxy itself is allowed, but the caller it forwards is not.
        assertThat(yoyo.post("/yoyo/token-info", tokenInfo("550001"), "198.51.100.7").code()).isEqualTo(NOT_ALLOWED);
        // An allowed address the caller put in front of its own is not believed: only the proxy's entry is.
        assertThat(yoyo.post("/yoyo/token-info", tokenInfo("550001"), "203.0.113.9, 198.51.100.7").code())
                .isEqualTo(NOT_ALLOWED);
        assertThat(yoyo.post("/yoyo/token-info", tokenInfo("550001"), "198.51.100.7, 203.0.113.9").code()).isEqualTo("-1");
        // A chain of trusted proxies is walked through to the caller.
        assertThat(yoyo.post("/yoyo/token-info", tokenInfo("550001"), "198.51.100.7, 127.0.0.1").code())
                .isEqualTo(NOT_ALLOWED);
    }

    @Test
    void aCallWithoutCredentialsIsVouchedForByTheForwardedAddress() {
        yoyo.account("proxied-2", 1_000, "550002");

        assertThat(yoyo.post("/yoyo/token-info", seedTokenInfo("550002"), "203.0.113.9").code()).isEqualTo("-1");
        assertThat(yoyo.post("/yoyo/token-info", seedTokenInfo("550002"), "198.51.100.7").code()).isEqualTo(NOT_ALLOWED);
    }

    @Test
    void aWebhookIsJudgedByTheAddressTheProxyForwards() {
        assertThat(yoyo.webhook("b-proxied-1", "203.0.113.9").status()).isEqualTo(200);
        assertThat(yoyo.webhook("b-proxied-2", "198.51.100.7").status()).isEqualTo(401);
        assertThat(yoyo.webhook("b-proxied-3", "203.0.113.9, 198.51.100.7").status()).isEqualTo(401);
    }
}
