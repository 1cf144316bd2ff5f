import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.DelayQueue;
import java.util.concurrent.Delayed;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A fake TokenX for the fault scenarios (JDK only): the token, client-settings and basket calls posbridge makes, with
 * the bookkeeping the checks need and the faults the scenarios switch on.
 *
 * <ul>
 * <li>Every basket creation is counted per basketID. A second create of a basketID it already has is answered 1007
 * (duplicate, as TokenX does) and counted as a duplicate attempt, never as a second basket: "no basket was created
 * twice" is then {@code creates == 1} for every basket.</li>
 * <li>A terminal with an open basket (created, not yet completed) refuses another with 1100, as TokenX does.</li>
 * <li>Each created basket is locked {@code lockAfterMs} later and completed {@code completeAfterMs} after that, each a
 * webhook to posbridge. A webhook that is not answered 200 (posbridge down, 503 while its database is down) is sent
 * again, the same body, until it is, for at most 15 minutes: the fake plays a TokenX that redelivers, so a lost
 * webhook in the figures is posbridge's doing. Terminals whose id starts with QUIET- get no webhooks (the webhook
 * storm sends its own).</li>
 * <li>Faults, on every /v1 call (the token request included), decided before anything is created: {@code down}
 * (HTTP 503), {@code delayMs} (each call waits first), {@code failureRate} (that share of calls: HTTP 500, status 12).
 * Webhooks are not affected: the devices keep working while TokenX's API is down.</li>
 * </ul>
 *
 * Control and figures, on the same port: {@code POST /_fake/faults?down=true&delayMs=2000&failureRate=0.3} (each
 * names only what it changes; {@code DELETE /_fake/faults} clears all), {@code GET /_fake/baskets} (TSV: basketID,
 * terminal, creates, duplicate attempts, created at ms, completion webhook delivered), {@code GET /_fake/calls} (TSV:
 * time ms, method, path, answer), {@code GET /_fake/stats}.
 *
 * Usage: java FakeTokenx.java PORT CALLBACK_URL CALLBACK_AUTH [LOCK_AFTER_MS] [COMPLETE_AFTER_MS]
 */
public class FakeTokenx {

    static final Pattern BASKET_ID = Pattern.compile("\"basketID\"\\s*:\\s*\"([^\"]+)\"");
    static final long WEBHOOK_GIVE_UP_MS = TimeUnit.MINUTES.toMillis(15);

    static final class Basket {
        final String id;
        final String terminal;
        final long createdAt;
        final AtomicLong creates = new AtomicLong();
        final AtomicLong duplicates = new AtomicLong();
        volatile boolean locked;
        volatile boolean completed;
        volatile boolean completionDelivered;
        volatile boolean deleted;

        Basket(String id, String terminal, long createdAt) {
            this.id = id;
            this.terminal = terminal;
            this.createdAt = createdAt;
        }
    }

    /** One webhook on its way, due at {@code due}. */
    static final class Webhook implements Delayed {
        final Basket basket;
        final String operation;
        /** Set when first due, so every redelivery is the same webhook (same event key at posbridge). */
        String body;
        final long firstDue;
        volatile long due;
        int tries;

        Webhook(Basket basket, String operation, long due) {
            this.basket = basket;
            this.operation = operation;
            this.firstDue = due;
            this.due = due;
        }

        @Override
        public long getDelay(TimeUnit unit) {
            return unit.convert(due - System.currentTimeMillis(), TimeUnit.MILLISECONDS);
        }

        @Override
        public int compareTo(Delayed other) {
            return Long.compare(due, ((Webhook) other).due);
        }
    }

    static final Map<String, Basket> BASKETS = new ConcurrentHashMap<>();
    /** Terminal id -> its open basket's id. */
    static final Map<String, String> OPEN = new ConcurrentHashMap<>();
    static final ConcurrentLinkedQueue<String> CALLS = new ConcurrentLinkedQueue<>();
    static final DelayQueue<Webhook> WEBHOOKS = new DelayQueue<>();
    static final AtomicLong RECEIPTS = new AtomicLong();
    static final Map<String, AtomicLong> STATS = new ConcurrentHashMap<>();

    static volatile boolean down;
    static volatile long delayMs;
    static volatile double failureRate;

    public static void main(String[] args) throws IOException {
        int port = Integer.parseInt(args[0]);
        URI callback = URI.create(args[1]);
        String callbackAuth = args[2];
        long lockAfter = args.length > 3 ? Long.parseLong(args[3]) : 100;
        long completeAfter = args.length > 4 ? Long.parseLong(args[4]) : 300;

        for (int i = 0; i < 8; i++) {
            Thread sender = new Thread(() -> sendWebhooks(callback, callbackAuth), "webhooks-" + i);
            sender.setDaemon(true);
            sender.start();
        }
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 512);
        // posbridge makes dispatch-concurrency (8) calls side by side; with 2 s of delay each, they all wait here at once.
        server.setExecutor(Executors.newFixedThreadPool(48));
        server.createContext("/_fake/", FakeTokenx::control);
        server.createContext("/", exchange -> {
            try {
                api(exchange, args[1], callbackAuth, lockAfter, completeAfter);
            } catch (RuntimeException e) {
                answer(exchange, 500, "{\"status\":12,\"description\":\"fake: " + e + "\"}");
            }
        });
        server.start();
        System.out.println("fake TokenX on 127.0.0.1:" + port + ", webhooks to " + callback);
    }

    static void api(HttpExchange exchange, String callbackUrl, String callbackAuth, long lockAfter, long completeAfter)
            throws IOException {
        String method = exchange.getRequestMethod();
        String path = exchange.getRequestURI().getPath();
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        if (delayMs > 0) {
            sleep(delayMs);
        }
        if (down) {
            call(method, path, "503");
            answer(exchange, 503, "{\"status\":503,\"description\":\"fake TokenX is down\"}");
            return;
        }
        if (failureRate > 0 && ThreadLocalRandom.current().nextDouble() < failureRate) {
            call(method, path, "500");
            answer(exchange, 500, "{\"status\":12,\"description\":\"Internal server error.\"}");
            return;
        }
        if (path.endsWith("/v1/auth/token")) {
            call(method, path, "200");
            answer(exchange, 200, "{\"status\":201,\"result\":{\"accessToken\":\"fake\",\"expiresIn\":86400,\"tokenType\":\"Bearer\"}}");
        } else if (path.endsWith("/v1/client-settings")) {
            call(method, path, "200");
            answer(exchange, 200, "{\"status\":0,\"result\":{\"callbackUrl\":\"" + callbackUrl + "\",\"callbackAuthHeader\":\""
                    + callbackAuth + "\"}}");
        } else if ("POST".equals(method) && (path.endsWith("/v1/basket") || path.endsWith("/v1/instant-basket"))) {
            createBasket(exchange, method, path, body, lockAfter, completeAfter);
        } else if ("GET".equals(method) && path.contains("/v1/basket/") && !path.endsWith("/open-basket")) {
            Basket basket = BASKETS.get(path.substring(path.lastIndexOf('/') + 1));
            if (basket == null || basket.deleted) {
                call(method, path, "1006");
                answer(exchange, 404, "{\"status\":1006,\"description\":\"No record found\"}");
            } else {
                call(method, path, "200");
                answer(exchange, 200, "{\"status\":0,\"result\":" + details(basket) + "}");
            }
        } else if ("DELETE".equals(method) && path.contains("/v1/basket/")) {
            Basket basket = BASKETS.get(path.substring(path.lastIndexOf('/') + 1));
            if (basket != null && !basket.completed && !basket.locked) {
                basket.deleted = true;
                OPEN.remove(basket.terminal, basket.id);
            }
            call(method, path, "200");
            answer(exchange, 200, "{\"status\":0,\"result\":{}}");
        } else {
            call(method, path, "200");
            answer(exchange, 200, "{\"status\":0,\"result\":{}}");
        }
    }

    static void createBasket(HttpExchange exchange, String method, String path, String body, long lockAfter,
            long completeAfter) throws IOException {
        Matcher m = BASKET_ID.matcher(body);
        if (!m.find()) {
            call(method, path, "1013");
            answer(exchange, 400, "{\"status\":1013,\"description\":\"Wrong data format: no basketID\"}");
            return;
        }
        String basketId = m.group(1);
        String terminal = exchange.getRequestHeaders().getFirst("terminal-id");
        if (terminal == null) {
            terminal = "branch:" + exchange.getRequestHeaders().getFirst("branch-id");
        }
        long now = System.currentTimeMillis();
        Basket fresh = new Basket(basketId, terminal, now);
        Basket basket;
        synchronized (FakeTokenx.class) {
            basket = BASKETS.get(basketId);
            if (basket == null) {
                String open = OPEN.get(terminal);
                if (open != null && !terminal.startsWith("branch:")) {
                    call(method, path, "1100");
                    answer(exchange, 400, "{\"status\":1100,\"description\":\"The terminal has an open basket (" + open + ")\"}");
                    return;
                }
                BASKETS.put(basketId, fresh);
                fresh.creates.incrementAndGet();
                if (!terminal.startsWith("branch:")) {
                    OPEN.put(terminal, basketId);
                }
            }
        }
        if (basket != null) {
            basket.duplicates.incrementAndGet();
            call(method, path, "1007");
            answer(exchange, 400, "{\"status\":1007,\"description\":\"DB error: Duplicate record: " + basketId + "\"}");
            return;
        }
        // The devices take the basket whether or not posbridge hears the answer (it may have died meanwhile): the
        // webhooks are on their way before the answer is written.
        if (!terminal.startsWith("QUIET-")) {
            WEBHOOKS.add(new Webhook(fresh, "BASKET_LOCKED", now + lockAfter));
            WEBHOOKS.add(new Webhook(fresh, "BASKET_COMPLETED", now + lockAfter + completeAfter));
        }
        call(method, path, "200");
        answer(exchange, 200, "{\"status\":0,\"description\":\"Successful\",\"result\":{}}");
    }

    /** GET /v1/basket/{id}: what posbridge reads after a 1007 and when it polls a quiet basket. */
    static String details(Basket basket) {
        String status = basket.completed ? "COMPLETED" : basket.locked ? "LOCKED" : "OPEN";
        String sale = basket.completed ? ",\"sale\":{\"status\":0,\"receiptNo\":1,\"zNo\":1,\"message\":\"OK\","
                + "\"paymentItems\":[{\"amount\":1000,\"type\":1}]}" : "";
        return "{\"basketID\":\"" + basket.id + "\",\"status\":\"" + status + "\",\"isLocked\":" + basket.locked
                + ",\"lockedBy\":\"" + (basket.locked ? basket.terminal : "") + "\"" + sale + "}";
    }

    /** The webhook's body is fixed when it is first due, so every redelivery is the same webhook (same event key). */
    static String webhookBody(Webhook w) {
        String date = java.time.Instant.ofEpochMilli(w.firstDue).toString();
        String data = "BASKET_LOCKED".equals(w.operation)
                ? "{\"basketID\":\"" + w.basket.id + "\",\"lockedBy\":\"" + w.basket.terminal + "\"}"
                : "{\"basketID\":\"" + w.basket.id + "\",\"message\":\"OK\",\"paymentItems\":[{\"amount\":1000,\"type\":1}],"
                        + "\"receiptNo\":" + RECEIPTS.incrementAndGet() + ",\"status\":0,\"zNo\":1}";
        return "{\"terminalId\":\"" + w.basket.terminal + "\",\"clientId\":\"fake\",\"operation\":\"" + w.operation
                + "\",\"operationDate\":\"" + date + "\",\"data\":" + data + "}";
    }

    static void sendWebhooks(URI callback, String auth) {
        while (true) {
            Webhook w;
            try {
                w = WEBHOOKS.take();
            } catch (InterruptedException e) {
                return;
            }
            if (w.tries++ == 0) {
                // The device's step happens at TokenX when it is first due, whether or not posbridge hears of it.
                if ("BASKET_LOCKED".equals(w.operation)) {
                    w.basket.locked = true;
                } else {
                    w.basket.completed = true;
                    OPEN.remove(w.basket.terminal, w.basket.id);
                }
                w.body = webhookBody(w);
            }
            int status = post(callback, auth, w.body);
            stat("webhook_" + (status < 0 ? "no_answer" : String.valueOf(status)));
            if (status == 200) {
                if ("BASKET_COMPLETED".equals(w.operation)) {
                    w.basket.completionDelivered = true;
                }
            } else if (System.currentTimeMillis() - w.firstDue < WEBHOOK_GIVE_UP_MS) {
                stat("webhook_redeliveries");
                w.due = System.currentTimeMillis() + Math.min(2000, 100L << Math.min(w.tries, 4));
                WEBHOOKS.add(w);
            } else {
                stat("webhook_given_up");
            }
        }
    }

    /** One webhook POST; the HTTP status, or -1 when no answer came. JDK keep-alive reuses connections. */
    static int post(URI callback, String auth, String body) {
        try {
            HttpURLConnection c = (HttpURLConnection) new URL(callback.toString()).openConnection();
            c.setConnectTimeout(2000);
            c.setReadTimeout(15000);
            c.setDoOutput(true);
            c.setRequestMethod("POST");
            c.setRequestProperty("Content-Type", "application/json");
            c.setRequestProperty("Authorization", auth);
            try (OutputStream out = c.getOutputStream()) {
                out.write(body.getBytes(StandardCharsets.UTF_8));
            }
            int status = c.getResponseCode();
            try (InputStream in = status < 400 ? c.getInputStream() : c.getErrorStream()) {
                if (in != null) {
                    in.readAllBytes();
                }
            }
            return status;
        } catch (IOException e) {
            return -1;
        }
    }

    static void control(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        String query = exchange.getRequestURI().getQuery();
        exchange.getRequestBody().readAllBytes();
        switch (path) {
            case "/_fake/faults" -> {
                if ("DELETE".equals(exchange.getRequestMethod())) {
                    down = false;
                    delayMs = 0;
                    failureRate = 0;
                } else if (query != null) {
                    for (String pair : query.split("&")) {
                        String[] kv = pair.split("=", 2);
                        switch (kv[0]) {
                            case "down" -> down = Boolean.parseBoolean(kv[1]);
                            case "delayMs" -> delayMs = Long.parseLong(kv[1]);
                            case "failureRate" -> failureRate = Double.parseDouble(kv[1]);
                            default -> throw new IllegalArgumentException(kv[0]);
                        }
                    }
                }
                System.out.println(System.currentTimeMillis() + " faults: down=" + down + " delayMs=" + delayMs
                        + " failureRate=" + failureRate);
                answer(exchange, 200, "{\"down\":" + down + ",\"delayMs\":" + delayMs + ",\"failureRate\":" + failureRate + "}");
            }
            case "/_fake/baskets" -> {
                StringBuilder tsv = new StringBuilder();
                for (Basket b : BASKETS.values()) {
                    tsv.append(b.id).append('\t').append(b.terminal).append('\t').append(b.creates.get()).append('\t')
                            .append(b.duplicates.get()).append('\t').append(b.createdAt).append('\t')
                            .append(b.completionDelivered).append('\n');
                }
                answer(exchange, 200, tsv.toString());
            }
            case "/_fake/calls" -> answer(exchange, 200, String.join("\n", new ArrayList<>(CALLS)) + "\n");
            case "/_fake/stats" -> {
                List<String> lines = new ArrayList<>();
                STATS.forEach((k, v) -> lines.add(k + "=" + v.get()));
                lines.add("baskets=" + BASKETS.size());
                lines.add("webhooks_pending=" + WEBHOOKS.size());
                answer(exchange, 200, String.join(" ", lines) + "\n");
            }
            default -> answer(exchange, 404, "{}");
        }
    }

    static void call(String method, String path, String answer) {
        CALLS.add(System.currentTimeMillis() + "\t" + method + "\t" + path + "\t" + answer);
        stat("call_" + answer);
    }

    static void stat(String name) {
        STATS.computeIfAbsent(name, k -> new AtomicLong()).incrementAndGet();
    }

    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static void answer(HttpExchange exchange, int status, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", text.startsWith("{") ? "application/json" : "text/plain");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
