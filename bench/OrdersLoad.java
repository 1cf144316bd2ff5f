import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Load for the order half. Modes:
 *   fake-tokenx PORT CALLBACK_URL CALLBACK_AUTH   a fast fake TokenX: every basket is completed by webhook at once
 *   orders INBOX OUTBOX COUNT TERMINALS           drops COUNT order files over TERMINALS terminals, waits for every
 *                                                 outcome, prints orders/s and drop-to-outcome latency
 *   webhooks BASE_URL COUNT CLIENTS CALLBACK_AUTH posts COUNT webhooks from CLIENTS threads, prints rate and latency
 */
public class OrdersLoad {

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "fake-tokenx" -> fakeTokenx(Integer.parseInt(args[1]), args[2], args[3]);
            case "orders" -> orders(Path.of(args[1]), Path.of(args[2]), Integer.parseInt(args[3]), Integer.parseInt(args[4]));
            case "webhooks" -> webhooks(args[1], Integer.parseInt(args[2]), Integer.parseInt(args[3]), args[4]);
            default -> throw new IllegalArgumentException(args[0]);
        }
    }

    static final Pattern BASKET_ID = Pattern.compile("\"basketID\"\\s*:\\s*\"([^\"]+)\"");

    static void fakeTokenx(int port, String callbackUrl, String callbackAuth) throws IOException {
        BlockingQueue<String> completedBaskets = new LinkedBlockingQueue<>();
        URI callback = URI.create(callbackUrl);
        for (int i = 0; i < 8; i++) {
            Thread sender = new Thread(() -> {
                KeepAliveHttp http = null;
                while (true) {
                    String basketId = take(completedBaskets);
                    try {
                        if (http == null) {
                            http = new KeepAliveHttp(callback, Map.of("Authorization", callbackAuth));
                        }
                        http.post(callback.getPath(), completed(basketId));
                    } catch (IOException e) {
                        // posbridge not listening yet, or the connection broke: this webhook again, on a new connection
                        System.err.println("webhook for " + basketId + " failed (" + e.getMessage() + "); again shortly");
                        http = null;
                        completedBaskets.add(basketId);
                        pause();
                    }
                }
            });
            sender.start();
        }
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 512);
        server.setExecutor(Executors.newFixedThreadPool(16));
        server.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            if (path.endsWith("/v1/auth/token")) {
                answer(exchange, "{\"status\":201,\"result\":{\"accessToken\":\"bench\",\"expiresIn\":86400,\"tokenType\":\"Bearer\"}}");
            } else if (path.endsWith("/v1/client-settings")) {
                answer(exchange, "{\"status\":0,\"result\":{\"callbackUrl\":\"" + callbackUrl + "\",\"callbackAuthHeader\":\""
                        + callbackAuth + "\"}}");
            } else if (path.endsWith("/v1/basket") && "POST".equals(exchange.getRequestMethod())) {
                Matcher m = BASKET_ID.matcher(body);
                String basketId = m.find() ? m.group(1) : "?";
                answer(exchange, "{\"status\":0,\"description\":\"Successful\",\"result\":{}}");
                completedBaskets.add(basketId);
            } else {
                answer(exchange, "{\"status\":0,\"result\":{}}");
            }
        });
        server.start();
        System.out.println("fake TokenX on " + port);
    }

    static String take(BlockingQueue<String> queue) {
        try {
            return queue.take();
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    static void pause() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    static String completed(String basketId) {
        return "{\"terminalId\":\"T\",\"operation\":\"BASKET_COMPLETED\",\"operationDate\":\"2025-03-10T08:42:18.640Z\","
                + "\"data\":{\"basketID\":\"" + basketId + "\",\"message\":\"OK\",\"paymentItems\":[{\"amount\":1000,\"type\":1}],"
                + "\"receiptNo\":1,\"status\":0,\"zNo\":1}}";
    }

    static void answer(HttpExchange exchange, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    static void orders(Path inbox, Path outbox, int count, int terminals) throws Exception {
        Files.createDirectories(inbox);
        Files.createDirectories(outbox);
        String run = Long.toString(System.currentTimeMillis(), 36);
        Map<String, Long> dropped = new ConcurrentHashMap<>();
        long start = System.nanoTime();
        for (int i = 0; i < count; i++) {
            String id = "B-" + run + "-" + i;
            String order = "{\"orderId\":\"" + id + "\",\"terminalId\":\"BT-" + (i % terminals) + "\","
                    + "\"lines\":[{\"name\":\"Tea\",\"unitPrice\":\"10.00\",\"quantity\":\"1\",\"vatRate\":\"10\",\"section\":1}],"
                    + "\"payments\":[{\"type\":\"CASH\",\"amount\":\"10.00\"}]}";
            Path temp = inbox.resolve(id + ".tmp");
            Files.writeString(temp, order);
            Files.move(temp, inbox.resolve(id + ".json"), StandardCopyOption.ATOMIC_MOVE);
            dropped.put(id, System.currentTimeMillis());
        }
        System.out.printf("dropped %d orders in %.1f s%n", count, (System.nanoTime() - start) / 1e9);
        long deadline = System.currentTimeMillis() + Duration.ofMinutes(15).toMillis();
        Map<String, Long> done = new ConcurrentHashMap<>();
        while (done.size() < count && System.currentTimeMillis() < deadline) {
            try (var files = Files.list(outbox)) {
                files.forEach(f -> {
                    String name = f.getFileName().toString();
                    String id = name.endsWith(".json") ? name.substring(0, name.length() - 5) : name;
                    if (dropped.containsKey(id) && !done.containsKey(id)) {
                        try {
                            done.put(id, Files.getLastModifiedTime(f).toMillis());
                        } catch (IOException e) {
                            // written as we looked; next round
                        }
                    }
                });
            }
            Thread.sleep(200);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        long[] latency = done.entrySet().stream().mapToLong(e -> e.getValue() - dropped.get(e.getKey())).sorted().toArray();
        System.out.printf("orders_completed=%d of %d seconds=%.1f orders_per_s=%.1f%n", done.size(), count, seconds,
                done.size() / seconds);
        System.out.printf("drop_to_outcome_p50_ms=%d p99_ms=%d max_ms=%d%n", pct(latency, 50), pct(latency, 99),
                latency.length == 0 ? -1 : latency[latency.length - 1]);
    }

    static void webhooks(String base, int count, int clients, String auth) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        String run = Long.toString(System.nanoTime(), 36);
        List<Future<long[]>> parts = new ArrayList<>();
        long start = System.nanoTime();
        for (int c = 0; c < clients; c++) {
            int client = c;
            parts.add(pool.submit(() -> {
                KeepAliveHttp http = new KeepAliveHttp(URI.create(base), Map.of("Authorization", auth));
                int mine = count / clients;
                long[] latencies = new long[mine];
                for (int i = 0; i < mine; i++) {
                    String body = "{\"terminalId\":\"T\",\"operation\":\"BASKET_LOCKED\",\"operationDate\":\"2025-03-10 08:42:18\","
                            + "\"data\":{\"basketID\":\"bench-" + run + "-" + client + "-" + i + "\",\"lockedBy\":\"x\"}}";
                    long t0 = System.nanoTime();
                    http.post("/webhooks/tokenx", body);
                    latencies[i] = System.nanoTime() - t0;
                }
                http.close();
                return latencies;
            }));
        }
        List<long[]> all = new ArrayList<>();
        for (Future<long[]> f : parts) {
            all.add(f.get());
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        pool.shutdown();
        long[] sorted = all.stream().flatMapToLong(Arrays::stream).sorted().toArray();
        System.out.printf("webhooks=%d seconds=%.1f webhooks_per_s=%.1f p50_ms=%.2f p99_ms=%.2f%n", sorted.length, seconds,
                sorted.length / seconds, pct(sorted, 50) / 1e6, pct(sorted, 99) / 1e6);
    }

    static long pct(long[] sorted, int p) {
        if (sorted.length == 0) {
            return -1;
        }
        return sorted[(int) Math.max(0, Math.min(sorted.length - 1, Math.ceil(p / 100.0 * sorted.length) - 1))];
    }
}
