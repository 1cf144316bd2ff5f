package io.posbridge.tokenx;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * TokenX as docs/tokenx-api-notes.md describes it, on WireMock: three services under their own base paths (/auth, /basket,
 * /settings), Basic auth on the token endpoint, {"status","description","result"} envelopes.
 */
public final class FakeTokenx {

    public static final String CLIENT_ID = "test-client";
    public static final String CLIENT_SECRET = "test-client-secret";
    public static final String CALLBACK_URL = "http://localhost/webhooks/tokenx";
    public static final String CALLBACK_AUTH = "Bearer test-callback";
    public static final String BASIC = "Basic " + Base64.getEncoder()
            .encodeToString((CLIENT_ID + ":" + CLIENT_SECRET).getBytes(StandardCharsets.UTF_8));

    public final WireMockServer server = new WireMockServer(options().dynamicPort().containerThreads(60)
            .jettyAcceptors(2).asynchronousResponseEnabled(true).asynchronousResponseThreads(20));

    public FakeTokenx start() {
        server.start();
        return this;
    }

    /** Points posbridge's TokenX client at this fake, with the fiscal check off (the fake keeps no fiscal parameters). */
    public void register(DynamicPropertyRegistry registry) {
        registry.add("posbridge.tokenx.auth-url", this::authUrl);
        registry.add("posbridge.tokenx.basket-url", this::basketUrl);
        registry.add("posbridge.tokenx.client-settings-url", this::settingsUrl);
        registry.add("posbridge.tokenx.fiscal-check.enabled", () -> "false");
    }

    public String authUrl() {
        return server.baseUrl() + "/auth";
    }

    public String basketUrl() {
        return server.baseUrl() + "/basket";
    }

    public String settingsUrl() {
        return server.baseUrl() + "/settings";
    }

    /** The token endpoint issues {@code token} for {@code expiresIn} seconds to the right Basic credentials only. */
    public void issues(String token, long expiresIn) {
        server.stubFor(post(urlPathEqualTo("/auth/v1/auth/token")).willReturn(aResponse().withStatus(401)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"status\":401,\"description\":\"Unauthorized\"}")));
        server.stubFor(post(urlPathEqualTo("/auth/v1/auth/token")).withHeader("Authorization", equalTo(BASIC))
                .willReturn(tokenAnswer(token, expiresIn)));
    }

    public static ResponseDefinitionBuilder tokenAnswer(String token, long expiresIn) {
        return okJson("{\"status\":201,\"description\":\"User authenticated successfully.\",\"result\":"
                + "{\"accessToken\":\"" + token + "\",\"expiresIn\":" + expiresIn + ",\"tokenType\":\"Bearer\"}}");
    }

    public static ResponseDefinitionBuilder success(String resultJson) {
        return okJson("{\"status\":0,\"description\":\"Successful\",\"result\":" + resultJson + "}");
    }

    public static ResponseDefinitionBuilder error(int httpStatus, int status, String description) {
        return aResponse().withStatus(httpStatus).withHeader("Content-Type", "application/json")
                .withBody("{\"status\":" + status + ",\"description\":\"" + description + "\"}");
    }

    /**
     * A TokenX that knows our client, already has our callback settings, takes every basket, reports each one
     * completed when asked and deletes it; at the lowest priority (10), so that a test's own stubs for one terminal or
     * basket come first.
     */
    public void takesEveryBasket() {
        issues("access-1", 900);
        settingsMatch();
        server.stubFor(post(urlPathEqualTo("/basket/v1/basket")).atPriority(10).willReturn(success("{}")));
        server.stubFor(get(urlPathMatching("/basket/v1/basket/.*")).atPriority(10)
                .willReturn(success("{\"status\":0,\"isLocked\":false}")));
        server.stubFor(delete(urlPathMatching("/basket/v1/basket/.*")).atPriority(10).willReturn(success("{}")));
    }

    /** TokenX already has our callback settings. */
    public void settingsMatch() {
        server.stubFor(get(urlPathEqualTo("/settings/v1/client-settings")).willReturn(success(
                "{\"callbackUrl\":\"" + CALLBACK_URL + "\",\"callbackAuthHeader\":\"" + CALLBACK_AUTH + "\"}")));
    }
}
