package io.posbridge.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

/**
 * Posts webhooks like TokenX (docs/tokenx-api-notes.md, "Webhooks"): to the registered callbackUrl, with the registered
 * callbackAuthHeader as Authorization. A failed delivery is tried twice more, a second apart; with no callback
 * registered there is nowhere to send, as at TokenX.
 */
public class SandboxWebhooks {

    private static final Logger LOG = LoggerFactory.getLogger(SandboxWebhooks.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int ATTEMPTS = 3;

    private final SandboxClientSettings registered;
    private final SandboxProperties settings;
    private final DeviceScheduler scheduler;
    private final Clock clock;
    private final RestClient http;

    public SandboxWebhooks(SandboxClientSettings registered, SandboxProperties settings,
            DeviceScheduler scheduler, Clock clock) {
        this.registered = registered;
        this.settings = settings;
        this.scheduler = scheduler;
        this.clock = clock;
        JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build());
        requests.setReadTimeout(Duration.ofSeconds(10));
        this.http = RestClient.builder().requestFactory(requests).build();
    }

    void locked(String terminalId, String basketId) {
        send(terminalId, "BASKET_LOCKED", lockData(basketId, terminalId));
    }

    void unlocked(String terminalId, String basketId) {
        send(terminalId, "BASKET_UNLOCKED", lockData(basketId, terminalId));
    }

    void completed(String terminalId, JsonNode sale) {
        send(terminalId, "BASKET_COMPLETED", sale);
    }

    private void send(String terminalId, String operation, JsonNode data) {
        ObjectNode webhook = JSON.createObjectNode();
        webhook.put("terminalId", terminalId);
        webhook.put("clientId", settings.clientId());
        webhook.put("operation", operation);
        webhook.put("operationDate", DateTimeFormatter.ISO_INSTANT.format(clock.instant().truncatedTo(ChronoUnit.MILLIS)));
        webhook.set("data", data);
        deliver(webhook, 1);
    }

    private void deliver(ObjectNode webhook, int attempt) {
        SandboxClientSettings.Registered to = registered.current();
        String what = webhook.path("operation").asText() + " for basket " + webhook.path("data").path("basketID").asText();
        if (to.callbackUrl() == null) {
            LOG.warn("TokenX simulator: no callback registered (POST /v1/client-settings); {} not sent", what);
            return;
        }
        try {
            http.post().uri(to.callbackUrl()).contentType(MediaType.APPLICATION_JSON)
                    .headers(h -> {
                        if (to.callbackAuthHeader() != null) {
                            h.set(HttpHeaders.AUTHORIZATION, to.callbackAuthHeader());
                        }
                    })
                    .body(webhook.toString()).retrieve().toBodilessEntity();
            LOG.debug("TokenX simulator: {} delivered to {}", what, to.callbackUrl());
        } catch (RestClientException e) {
            if (attempt >= ATTEMPTS) {
                LOG.warn("TokenX simulator: {} not delivered to {} after {} attempts: {}", what, to.callbackUrl(),
                        ATTEMPTS, e.getMessage());
                return;
            }
            scheduler.after(1000, () -> deliver(webhook, attempt + 1));
        }
    }

    private static ObjectNode lockData(String basketId, String terminalId) {
        ObjectNode data = JSON.createObjectNode();
        data.put("basketID", basketId);
        data.put("lockedBy", terminalId);
        return data;
    }
}
