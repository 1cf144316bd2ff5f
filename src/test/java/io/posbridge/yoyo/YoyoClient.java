package io.posbridge.yoyo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Plays Yoyo (and the operator) against a running posbridge over real HTTP. */
class YoyoClient {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final String ADMIN = "Basic " + Base64.getEncoder()
            .encodeToString("admin:test-admin-password".getBytes(StandardCharsets.UTF_8));

    record Answer(int status, JsonNode body) {
        String code() {
            return body.path("responseCode").asText();
        }
    }

    private final HttpClient http = HttpClient.newHttpClient();
    private final String base;

    YoyoClient(int port) {
        this.base = "http://127.0.0.1:" + port;
    }

    /** The seed's transaction request, for a token, key and amount. */
    static String transaction(String wiTrxId, String tokenId, String type, long basket, long cashBack) {
        return """
                {"wiTrxId":%s,"wiVspTrxId":657439,
                 "token":{"id":"%s","type":"WICODE","vspReference":"ref-1"},
                 "type":"%s",
                 "storeTrxDetails":{"storeId":1050,"remoteStoreId":"10501","retailerId":999,"basketId":"basket1",
                   "trxId":"1","posId":"workstation1","cashierId":"cashier1"},
                 "totalAmount":%d,"basketAmount":%d,"cashBackAmount":%d,
                 "products":[{"id":"sku-1","pricePerUnit":%d,"units":1}],
                 "vspCredentials":{"id":"DummyVSP","password":"test"},"discount":[]}
                """.formatted(wiTrxId, tokenId, type, basket + cashBack, basket, cashBack, basket);
    }

    static String advise(String action, String wiTrxId, Long amount) {
        return """
                {"action":"%s",
                 "originalTrx":{"storeTrxDetails":{"storeId":1050,"basketId":"basket1","trxId":"1","posId":"8","cashierId":"Sam"},
                   "wiTrxId":%s,"wiVspTrxId":657469,"token":{"id":"7664530","type":"WICODE"},"type":"PAYMENT"%s},
                 "vspCredentials":{"id":"DummyVSP","password":"test"}}
                """.formatted(action, wiTrxId, amount == null ? "" : ",\"totalAmountProcessed\":" + amount);
    }

    static String tokenInfo(String tokenId) {
        return """
                {"token":{"id":"%s","type":"WICODE"},"type":"PAYMENT",
                 "storeTrxDetails":{"storeId":1050,"basketId":"basket50","trxId":"trx1","posId":"pos1","cashierId":"admin"},
                 "vspCredentials":{"id":"DummyVSP","password":"test"}}
                """.formatted(tokenId);
    }

    /**
     * The seed's token-info example as it stands, with no vspCredentials; only its stray comma after
     * {@code "type": "WICODE"} is left out, which makes it JSON.
     */
    static String seedTokenInfo(String tokenId) {
        return """
                {
                  "token": {
                    "id": "%s",
                    "type": "WICODE"
                  },
                  "type": "PAYMENT",
                  "storeTrxDetails": {
                    "storeId": 1050,
                    "basketId": "basket50",
                    "trxId": "trx1",
                    "posId": "pos1",
                    "cashierId": "admin"
                  }
                }""".formatted(tokenId);
    }

    /** The same request without its vspCredentials. */
    static String withoutCredentials(String body) {
        try {
            ObjectNode request = (ObjectNode) JSON.readTree(body);
            request.remove("vspCredentials");
            return JSON.writeValueAsString(request);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The same request with a wrong vspCredentials password. */
    static String withWrongCredentials(String body) {
        return body.replace("\"password\":\"test\"", "\"password\":\"guess\"");
    }

    Answer post(String path, String body) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    /** A call that came through a proxy, or claims to: X-Forwarded-For as given. */
    Answer post(String path, String body, String forwardedFor) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json")
                .header("X-Forwarded-For", forwardedFor)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    /** A TokenX webhook with the test profile's callback Authorization, and X-Forwarded-For when not null. */
    Answer webhook(String basketId, String forwardedFor) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + "/webhooks/tokenx"))
                .header("Content-Type", "application/json").header("Authorization", "Bearer test-callback");
        if (forwardedFor != null) {
            request.header("X-Forwarded-For", forwardedFor);
        }
        return send(request.POST(HttpRequest.BodyPublishers.ofString(
                "{\"operation\":\"BASKET_LOCKED\",\"data\":{\"basketID\":\"" + basketId + "\"}}")).build());
    }

    Answer admin(String method, String path, String body) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json")
                .header("Authorization", ADMIN)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .build());
    }

    Answer send(HttpRequest request) {
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            JsonNode body = response.body().isEmpty() ? JSON.nullNode() : JSON.readTree(response.body());
            return new Answer(response.statusCode(), body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Opens an account with a balance and issues a token on it. */
    void account(String accountId, long balance, String tokenId) {
        admin("POST", "/api/accounts", "{\"id\":\"" + accountId + "\",\"currency\":\"ZAR\"}");
        if (balance > 0) {
            admin("POST", "/api/accounts/" + accountId + "/credits",
                    "{\"amount\":" + balance + ",\"reference\":\"opening-" + accountId + "\"}");
        }
        admin("POST", "/api/tokens", "{\"id\":\"" + tokenId + "\",\"type\":\"WICODE\",\"accountId\":\"" + accountId + "\"}");
    }

    JsonNode accountView(String accountId) {
        return admin("GET", "/api/accounts/" + accountId, null).body();
    }
}
