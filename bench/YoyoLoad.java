import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Load for the Yoyo VSP: each client owns its own tokens and loops transaction request -> FINALISE
 * for a fixed time. Prints pairs per second and reserve/finalise latency percentiles.
 * Usage: java bench/YoyoLoad.java BASE_URL CLIENTS SECONDS TOKEN_PREFIX TOKENS_PER_CLIENT
 */
public class YoyoLoad {

    public static void main(String[] args) throws Exception {
        String base = args[0];
        int clients = Integer.parseInt(args[1]);
        int seconds = Integer.parseInt(args[2]);
        String tokenPrefix = args[3];
        int tokensPerClient = Integer.parseInt(args[4]);
        URI server = URI.create(base);
        AtomicLong keys = new AtomicLong(System.currentTimeMillis() * 1000);
        long end = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        List<Future<long[][]>> results = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            int client = c;
            results.add(pool.submit(() -> {
                Connection http = new Connection(server);
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

    /**
     * One keep-alive HTTP/1.1 connection per client, written and read by hand: java.net.http costs more CPU per
     * call than the server's whole Yoyo route, and this machine's two cores are shared by client, server and database.
     */
    static final class Connection implements AutoCloseable {
        private final URI base;
        private final String host;
        private Socket socket;
        private InputStream in;
        private OutputStream out;

        Connection(URI base) throws IOException {
            this.base = base;
            host = base.getHost() + ":" + base.getPort();
            open();
        }

        /** Tomcat closes a keep-alive connection after max-keep-alive-requests (100); a new one follows. */
        private void open() throws IOException {
            socket = new Socket(base.getHost(), base.getPort());
            socket.setTcpNoDelay(true);
            socket.setSoTimeout(15_000);
            in = new BufferedInputStream(socket.getInputStream(), 16 * 1024);
            out = new BufferedOutputStream(socket.getOutputStream(), 16 * 1024);
        }

        String post(String path, String body) throws IOException {
            byte[] content = body.getBytes(StandardCharsets.UTF_8);
            out.write(("POST " + path + " HTTP/1.1\r\nHost: " + host + "\r\nContent-Type: application/json\r\n"
                    + "Content-Length: " + content.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(content);
            out.flush();
            String status = line();
            if (!status.startsWith("HTTP/1.1 200")) {
                throw new IOException(path + " answered " + status);
            }
            int length = -1;
            boolean chunked = false;
            boolean closing = false;
            for (String header = line(); !header.isEmpty(); header = line()) {
                String lower = header.toLowerCase(Locale.ROOT);
                if (lower.startsWith("content-length:")) {
                    length = Integer.parseInt(lower.substring(15).trim());
                } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                    chunked = true;
                } else if (lower.startsWith("connection:") && lower.contains("close")) {
                    closing = true;
                }
            }
            String answer = chunked ? chunks() : new String(in.readNBytes(length), StandardCharsets.UTF_8);
            if (closing) {
                socket.close();
                open();
            }
            return answer;
        }

        private String chunks() throws IOException {
            StringBuilder answer = new StringBuilder();
            for (int size = Integer.parseInt(line().trim(), 16); size > 0; size = Integer.parseInt(line().trim(), 16)) {
                answer.append(new String(in.readNBytes(size), StandardCharsets.UTF_8));
                line();
            }
            line();
            return answer.toString();
        }

        private String line() throws IOException {
            StringBuilder line = new StringBuilder();
            for (int c = in.read(); c != '\n'; c = in.read()) {
                if (c < 0) {
                    throw new EOFException("connection closed");
                }
                if (c != '\r') {
                    line.append((char) c);
                }
            }
            return line.toString();
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
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
