import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.SocketTimeoutException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * The fault helpers' HTTP calls (JDK only). Unlike bench/KeepAliveHttp it reports every outcome instead of throwing:
 * the scenarios count answers by kind, and "no answer" is an outcome of its own (the caller must retry it later).
 */
final class FaultHttp {

    static {
        // HttpURLConnection silently sends a POST again when a kept-alive connection fails before the answer; a retry
        // must be the caller's decision and counted, so that is off.
        System.setProperty("sun.net.http.retryPost", "false");
    }

    /** What came back: an HTTP status with its body and Retry-After, or none (status -1 no connection, -2 timeout). */
    record Answer(int status, String body, String retryAfter, String error) {
        boolean answered() {
            return status > 0;
        }

        /** The kind of outcome in one word, for the figures: 202, 503, conn, timeout… */
        String kind() {
            return status > 0 ? String.valueOf(status) : status == -2 ? "timeout" : "conn";
        }
    }

    private FaultHttp() {
    }

    static Answer post(String url, Map<String, String> headers, String body, int timeoutMs) {
        return call("POST", url, headers, body, timeoutMs);
    }

    static Answer get(String url, Map<String, String> headers, int timeoutMs) {
        return call("GET", url, headers, null, timeoutMs);
    }

    static Answer call(String method, String url, Map<String, String> headers, String body, int timeoutMs) {
        try {
            HttpURLConnection c = (HttpURLConnection) new URL(url).openConnection();
            c.setConnectTimeout(Math.min(timeoutMs, 3000));
            c.setReadTimeout(timeoutMs);
            c.setRequestMethod(method);
            c.setUseCaches(false);
            Map<String, String> all = new HashMap<>(headers);
            if (body != null) {
                all.putIfAbsent("Content-Type", "application/json");
            }
            all.forEach(c::setRequestProperty);
            if (body != null) {
                c.setDoOutput(true);
                try (OutputStream out = c.getOutputStream()) {
                    out.write(body.getBytes(StandardCharsets.UTF_8));
                }
            }
            int status = c.getResponseCode();
            String text;
            try (InputStream in = status < 400 ? c.getInputStream() : c.getErrorStream()) {
                text = in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            return new Answer(status, text, c.getHeaderField("Retry-After"), null);
        } catch (SocketTimeoutException e) {
            return new Answer(-2, "", null, e.toString());
        } catch (IOException e) {
            return new Answer(-1, "", null, e.toString());
        }
    }

    /** A string field of a flat JSON answer ("responseCode":"-1", "vspTrxId":"12"), or "" when absent. */
    static String field(String json, String name) {
        int at = json.indexOf("\"" + name + "\"");
        if (at < 0) {
            return "";
        }
        int colon = json.indexOf(':', at);
        int start = colon + 1;
        while (start < json.length() && (json.charAt(start) == ' ' || json.charAt(start) == '"')) {
            start++;
        }
        int end = start;
        while (end < json.length() && ",}\"".indexOf(json.charAt(end)) < 0) {
            end++;
        }
        return json.substring(start, end);
    }

    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
