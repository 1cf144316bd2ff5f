package io.posbridge.tokenx;

/**
 * One HTTP request to TokenX, described before it is sent so that the shared call route can send it, retry it and
 * pass it through the breaker without knowing which operation it is. {@code contextHeader} is the one TokenX
 * context header the call carries, or null for none; {@code body} is serialised as JSON, or null for none.
 */
public record TokenxRequest(Service service, String method, String path, String contextHeader, String contextValue,
        Object body) {

    /** Which of TokenX's three base URLs the path belongs to. */
    public enum Service {
        AUTH, BASKET, CLIENT_SETTINGS
    }

    static TokenxRequest of(Service service, String method, String path) {
        return new TokenxRequest(service, method, path, null, null, null);
    }

    TokenxRequest withContext(String header, String value) {
        return new TokenxRequest(service, method, path, header, value, body);
    }

    TokenxRequest withBody(Object json) {
        return new TokenxRequest(service, method, path, contextHeader, contextValue, json);
    }
}
