import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Load for the Yoyo VSP: each client owns its own tokens and loops transaction request -> FINALISE
 * for a fixed time. Prints pairs per second and reserve/finalise latency percentiles.
 * Usage: java bench/YoyoLoad.java BASE_URL CLIENTS SECONDS TOKEN_PREFIX TOKENS_PER_CLIENT [calls PATH]
 * With {@code calls PATH} each client instead posts a token-info request for its tokens to PATH (under BASE_URL) in a
 * loop, one call at a time, and it prints calls per second and their p50/p99: the same load for /yoyo/token-info and
 * for a constant-answer route beside it (bench/run-all's floor).
 */
public class YoyoLoad {

    public static void main(String[] args) throws Exception {
        String base = args[0];
        int clients = Integer.parseInt(args[1]);
        int seconds = Integer.parseInt(args[2]);
        String tokenPrefix = args[3];
        int tokensPerClient = Integer.parseInt(args[4]);
        URI server = URI.create(base);
        if (args.length > 6 && args[5].equals("calls")) {
            calls(server, clients, seconds, tokenPrefix, tokensPerClient, args[6]);
            return;
        }
        AtomicLong keys = new AtomicLong(System.currentTimeMillis() * 1000);
        long end = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        List<Future<long[][]>> results = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            int client = c;
            results.add(pool.submit(() -> {
                KeepAliveHttp http = new KeepAliveHttp(server, Map.of());
                List<Long> reserve = new ArrayList<>();
                List<Long> finalise = new ArrayList<>();
                long failures = 0;
                for (int i = 0; System.nanoTime() < end; i++) {
                    String token = tokenPrefix + (client * tokensPerClient + i % tokensPerClient);
                    String key = String.valueOf(keys.incrementAndGet());
                    long t0 = System.nanoTime();
                    String answer = http.post("/yoyo/transaction", transaction(key, token));
                    long t1 = System.nanoTime();
                    String advised = http.post("/yoyo/advise", finalise(key));
                    long t2 = System.nanoTime();
                    if (answer.contains("\"-1\"") && advised.contains("\"-1\"")) {
                        reserve.add(t1 - t0);
                        finalise.add(t2 - t1);
                    } else {
                        failures++;
                    }
                }
                http.close();
                return new long[][] {toArray(reserve), toArray(finalise), {failures}};
            }));
        }
        long started = System.nanoTime();
        List<long[]> reserves = new ArrayList<>();
        List<long[]> finalises = new ArrayList<>();
        long failures = 0;
        for (Future<long[][]> f : results) {
            long[][] r = f.get();
            reserves.add(r[0]);
            finalises.add(r[1]);
            failures += r[2][0];
        }
        pool.shutdown();
        double elapsed = Math.max(seconds, (System.nanoTime() - started) / 1e9);
        long[] reserve = merge(reserves);
        long[] fin = merge(finalises);
        System.out.printf("yoyo_pairs=%d yoyo_failures=%d seconds=%.1f%n", reserve.length, failures, elapsed);
        System.out.printf("yoyo_pairs_per_s=%.1f yoyo_reserve_per_s=%.1f%n", reserve.length / elapsed, reserve.length / elapsed);
        System.out.printf("reserve_p50_ms=%.2f reserve_p99_ms=%.2f finalise_p50_ms=%.2f finalise_p99_ms=%.2f%n",
                pct(reserve, 50), pct(reserve, 99), pct(fin, 50), pct(fin, 99));
    }

    /** One path, one call at a time per client on a keep-alive connection; answers with responseCode -1 count. */
    static void calls(URI server, int clients, int seconds, String tokenPrefix, int tokensPerClient, String path)
            throws Exception {
        long end = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        List<Future<long[][]>> results = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            int client = c;
            results.add(pool.submit(() -> {
                KeepAliveHttp http = new KeepAliveHttp(server, Map.of());
                List<Long> latencies = new ArrayList<>();
                long failures = 0;
                for (int i = 0; System.nanoTime() < end; i++) {
                    String token = tokenPrefix + (client * tokensPerClient + i % tokensPerClient);
                    long t0 = System.nanoTime();
                    String answer = http.post(path, tokenInfo(token));
                    long t1 = System.nanoTime();
                    if (answer.contains("\"-1\"")) {
                        latencies.add(t1 - t0);
                    } else {
                        failures++;
                    }
                }
                http.close();
                return new long[][] {toArray(latencies), {failures}};
            }));
        }
        long started = System.nanoTime();
        List<long[]> parts = new ArrayList<>();
        long failures = 0;
        for (Future<long[][]> f : results) {
            long[][] r = f.get();
            parts.add(r[0]);
            failures += r[1][0];
        }
        pool.shutdown();
        double elapsed = Math.max(seconds, (System.nanoTime() - started) / 1e9);
        long[] all = merge(parts);
        System.out.printf("calls=%d call_failures=%d seconds=%.1f calls_per_s=%.1f p50_ms=%.2f p99_ms=%.2f%n",
                all.length, failures, elapsed, all.length / elapsed, pct(all, 50), pct(all, 99));
    }

    static String tokenInfo(String token) {
        return "{\"token\":{\"id\":\"" + token + "\",\"type\":\"WICODE\"},\"type\":\"PAYMENT\","
                + "\"vspCredentials\":{\"id\":\"DummyVSP\",\"password\":\"bench\"}}";
    }

    static String transaction(String key, String token) {
        return "{\"wiTrxId\":" + key + ",\"token\":{\"id\":\"" + token + "\",\"type\":\"WICODE\"},\"type\":\"PAYMENT\","
                + "\"storeTrxDetails\":{\"storeId\":1050,\"basketId\":\"b\",\"trxId\":\"" + key + "\",\"posId\":\"p\"},"
                + "\"totalAmount\":100,\"basketAmount\":100,\"cashBackAmount\":0,"
                + "\"vspCredentials\":{\"id\":\"DummyVSP\",\"password\":\"bench\"}}";
    }

    static String finalise(String key) {
        return "{\"action\":\"FINALISE\",\"originalTrx\":{\"wiTrxId\":" + key + ",\"type\":\"PAYMENT\"},"
                + "\"vspCredentials\":{\"id\":\"DummyVSP\",\"password\":\"bench\"}}";
    }

    static long[] toArray(List<Long> values) {
        return values.stream().mapToLong(Long::longValue).toArray();
    }

    static long[] merge(List<long[]> parts) {
        long[] all = parts.stream().flatMapToLong(Arrays::stream).toArray();
        Arrays.sort(all);
        return all;
    }

    static double pct(long[] sorted, int p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int index = (int) Math.min(sorted.length - 1, Math.ceil(p / 100.0 * sorted.length) - 1);
        return sorted[Math.max(0, index)] / 1e6;
    }
}
