package io.posbridge.reconciliation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Plays Yoyo, from several stores, and the operator, against a running posbridge over real HTTP. */
class ReconciliationClient {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String ADMIN = "Basic " + Base64.getEncoder()
            .encodeToString("admin:test-admin-password".getBytes(StandardCharsets.UTF_8));

    record Answer(int status, String contentType, String body) {
        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        String code() {
            return json().path("responseCode").asText();
        }
    }

    private final HttpClient http = HttpClient.newHttpClient();
    private final String base;

    ReconciliationClient(int port) {
        this.base = "http://127.0.0.1:" + port;
    }

    /**
     * Yoyo's transaction request from a store: {@code storeId} when not null, else {@code retailerId} with
     * {@code remoteStoreId}, the other way Yoyo names a store.
     */
    static String transaction(String wiTrxId, String tokenId, String type, long amount, String storeId,
            String retailerId, String remoteStoreId) {
        String store = storeId != null ? "\"storeId\":" + JSON.valueToTree(storeId)
                : "\"retailerId\":" + JSON.valueToTree(retailerId) + ",\"remoteStoreId\":" + JSON.valueToTree(remoteStoreId);
        return """
                {"wiTrxId":%s,"wiVspTrxId":657439,"token":{"id":"%s","type":"WICODE"},"type":"%s",
                 "storeTrxDetails":{%s,"basketId":"b1","trxId":"1","posId":"pos1","cashierId":"c1"},
                 "totalAmount":%d,"basketAmount":%d,"cashBackAmount":0,
                 "vspCredentials":{"id":"DummyVSP","password":"test"}}
                """.formatted(wiTrxId, tokenId, type, store, amount, amount);
    }

    static String advise(String action, String wiTrxId, Long amount) {
        return """
                {"action":"%s","originalTrx":{"wiTrxId":%s,"type":"PAYMENT"%s},
                 "vspCredentials":{"id":"DummyVSP","password":"test"}}
                """.formatted(action, wiTrxId, amount == null ? "" : ",\"totalAmountProcessed\":" + amount);
    }

    Answer yoyo(String path, String body) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    Answer admin(String method, String path, String body) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json")
                .header("Authorization", ADMIN)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .build());
    }

    /** GET with the given Authorization (none when null) and Accept (none when null). */
    Answer get(String pathAndQuery, String authorization, String accept) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + pathAndQuery)).GET();
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        if (accept != null) {
            request.header("Accept", accept);
        }
        return send(request.build());
    }

    /** Opens an account in a currency with a balance and issues tokens on it. */
    void account(String accountId, String currency, long balance, String... tokenIds) {
        admin("POST", "/api/accounts", "{\"id\":\"" + accountId + "\",\"currency\":\"" + currency + "\"}");
        admin("POST", "/api/accounts/" + accountId + "/credits",
                "{\"amount\":" + balance + ",\"reference\":\"opening-" + accountId + "\"}");
        for (String token : tokenIds) {
            admin("POST", "/api/tokens", "{\"id\":\"" + token + "\",\"type\":\"WICODE\",\"accountId\":\"" + accountId + "\"}");
        }
    }

    private Answer send(HttpRequest request) {
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                    response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
