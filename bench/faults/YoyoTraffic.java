import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Yoyo's side of the fault scenarios (JDK only). Every call is written to a TSV, one line each, which the scenario
 * loads into its scratch database and checks against the ledger:
 *
 * <pre>call  wiTrxId  token  amount  result  code  vspTrxId  start_ms  latency_ms  phase</pre>
 *
 * call is T (transaction request), F (FINALISE) or R (REVERSE); result is {@code answered} (HTTP 200 with a
 * responseCode, in code), {@code http} (another status, in code) or {@code none} (no answer within Yoyo's 15 s:
 * code timeout or conn). A call counts as succeeded only on HTTP 200 with responseCode -1. phase is load (a call's
 * first try), again (the same call sent again during the load because it went unanswered), retry (sent again after
 * the load) or storm.
 *
 * Modes (arguments are key=value):
 * <ul>
 * <li>{@code load base= out= clients= seconds= max= tokens= perClient= pauseMs=}: each client owns perClient tokens
 * (tokens + number) and loops transaction request, then FINALISE (four in five) or REVERSE. A call that goes
 * unanswered is sent again, the same wiTrxId and body, every second until it is answered (as Yoyo repeats an advice);
 * a token whose call was still unanswered when the load ended is set aside. Bounded by seconds and by max pairs.</li>
 * <li>{@code retry base= in= out=}: after the fault, sends again, with the same wiTrxId and body, every call of the load
 * whose last try was not answered (and every advise not answered -1): the answer must now be -1, with the vspTrxId of
 * the hold if one was made.</li>
 * <li>{@code storm base= out= copies= token=}: the same transaction request {@code copies} times at once, then the same
 * FINALISE {@code copies} times at once; then another transaction and the same REVERSE {@code copies} times.</li>
 * </ul>
 */
public class YoyoTraffic {

    static final int YOYO_TIMEOUT_MS = 15_000;
    static final String CREDENTIALS = "\"vspCredentials\":{\"id\":\"FaultsVSP\",\"password\":\"faults-vsp\"}";
    static final long AMOUNT = 100;

    record Call(String call, String key, String token, long amount, String result, String code, String vspTrxId,
            long startMs, long latencyMs, String phase) {
        String tsv() {
            return String.join("\t", call, key, token, Long.toString(amount), result, code, vspTrxId,
                    Long.toString(startMs), Long.toString(latencyMs), phase);
        }

        static Call of(String line) {
            String[] f = line.split("\t", -1);
            return new Call(f[0], f[1], f[2], Long.parseLong(f[3]), f[4], f[5], f[6], Long.parseLong(f[7]),
                    Long.parseLong(f[8]), f[9]);
        }

        boolean succeeded() {
            return "answered".equals(result) && "-1".equals(code);
        }
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> a = new TreeMap<>();
        for (int i = 1; i < args.length; i++) {
            String[] kv = args[i].split("=", 2);
            a.put(kv[0], kv[1]);
        }
        switch (args[0]) {
            case "load" -> load(a.get("base"), Path.of(a.get("out")), Integer.parseInt(a.get("clients")),
                    Integer.parseInt(a.get("seconds")), Integer.parseInt(a.get("max")), a.get("tokens"),
                    Integer.parseInt(a.get("perClient")), Long.parseLong(a.getOrDefault("pauseMs", "50")));
            case "retry" -> retry(a.get("base"), Path.of(a.get("in")), Path.of(a.get("out")));
            case "storm" -> storm(a.get("base"), Path.of(a.get("out")), Integer.parseInt(a.get("copies")), a.get("token"));
            default -> throw new IllegalArgumentException(args[0]);
        }
    }

    static String transaction(String key, String token, long amount) {
        return "{\"wiTrxId\":\"" + key + "\",\"token\":{\"id\":\"" + token + "\",\"type\":\"WICODE\"},\"type\":\"PAYMENT\","
                + "\"storeTrxDetails\":{\"storeId\":1050,\"basketId\":\"b\",\"trxId\":\"" + key + "\",\"posId\":\"p\"},"
                + "\"totalAmount\":" + amount + ",\"basketAmount\":" + amount + ",\"cashBackAmount\":0," + CREDENTIALS + "}";
    }

    static String advise(String action, String key, String vspTrxId) {
        return "{\"action\":\"" + action + "\",\"originalTrx\":{\"wiTrxId\":\"" + key + "\""
                + (vspTrxId.isEmpty() ? "" : ",\"wiVspTrxId\":\"" + vspTrxId + "\"") + ",\"type\":\"PAYMENT\"}," + CREDENTIALS + "}";
    }

    /** Sends one call and describes it; Yoyo gives a VSP 15 s, so a later answer is no answer. */
    static Call send(String base, String call, String key, String token, long amount, String vspTrxId, String phase) {
        String path = "T".equals(call) ? "/yoyo/transaction" : "/yoyo/advise";
        String body = "T".equals(call) ? transaction(key, token, amount)
                : advise("F".equals(call) ? "FINALISE" : "REVERSE", key, vspTrxId);
        long start = System.currentTimeMillis();
        FaultHttp.Answer answer = FaultHttp.post(base + path, Map.of(), body, YOYO_TIMEOUT_MS);
        long latency = System.currentTimeMillis() - start;
        if (!answer.answered()) {
            return new Call(call, key, token, amount, "none", answer.kind(), "", start, latency, phase);
        }
        String code = FaultHttp.field(answer.body(), "responseCode");
        if (answer.status() != 200 || code.isEmpty()) {
            return new Call(call, key, token, amount, "http", String.valueOf(answer.status()), "", start, latency, phase);
        }
        return new Call(call, key, token, amount, "answered", code, FaultHttp.field(answer.body(), "vspTrxId"), start,
                latency, phase);
    }

    static void load(String base, Path out, int clients, int seconds, int maxPairs, String tokenPrefix, int perClient,
            long pauseMs) throws Exception {
        long end = System.currentTimeMillis() + seconds * 1000L;
        // Unique across runs of the same database, and sortable: the run's start in ms, then a counter.
        AtomicLong keys = new AtomicLong(System.currentTimeMillis() * 1000);
        AtomicLong pairs = new AtomicLong();
        ConcurrentLinkedQueue<Call> calls = new ConcurrentLinkedQueue<>();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        for (int c = 0; c < clients; c++) {
            int client = c;
            pool.submit(() -> {
                List<String> tokens = new ArrayList<>();
                for (int t = 0; t < perClient; t++) {
                    tokens.add(tokenPrefix + (client * perClient + t));
                }
                for (int i = 0; System.currentTimeMillis() < end && !tokens.isEmpty()
                        && pairs.incrementAndGet() <= maxPairs; i++) {
                    String token = tokens.get(i % tokens.size());
                    String key = String.valueOf(keys.incrementAndGet());
                    Call t = untilAnswered(base, "T", key, token, "", end, calls);
                    if (t.succeeded()) {
                        Call advised = untilAnswered(base, i % 5 == 4 ? "R" : "F", key, token, t.vspTrxId(), end, calls);
                        if (!advised.succeeded()) {
                            tokens.remove(token); // its hold may still be pending: the retry mode settles it after the load
                        }
                    } else if (!"answered".equals(t.result())) {
                        tokens.remove(token); // a hold may have been made: the retry mode settles it after the load
                    }
                    FaultHttp.sleep(pauseMs);
                }
                return null;
            });
        }
        pool.shutdown();
        pool.awaitTermination(seconds + 120L, TimeUnit.SECONDS);
        write(out, new ArrayList<>(calls));
        summary("yoyo load (first tries)", calls.stream().filter(c -> "load".equals(c.phase())).toList());
        summary("yoyo load (the same calls sent again, a second apart, while unanswered)",
                calls.stream().filter(c -> "again".equals(c.phase())).toList());
    }

    /**
     * Sends a call, and while it goes unanswered (or, for an advise, is not answered -1: Yoyo repeats an advice until
     * it is taken) sends the same call again a second later, until the load's end. A transaction refused with a code is
     * an answer: Yoyo declines the payment and sends nothing more for it.
     */
    static Call untilAnswered(String base, String call, String key, String token, String vspTrxId, long end,
            ConcurrentLinkedQueue<Call> calls) {
        String phase = "load";
        while (true) {
            Call c = send(base, call, key, token, AMOUNT, vspTrxId, phase);
            calls.add(c);
            boolean done = "T".equals(call) ? "answered".equals(c.result()) : c.succeeded();
            if (done || System.currentTimeMillis() >= end) {
                return c;
            }
            phase = "again";
            FaultHttp.sleep(1000);
        }
    }

    /** After the fault: each call whose last try was not answered (an advise: not answered -1) is sent once more. */
    static void retry(String base, Path in, Path out) throws IOException {
        List<Call> load = Files.readAllLines(in).stream().filter(l -> !l.isBlank()).map(Call::of).toList();
        Map<String, Call> last = new java.util.LinkedHashMap<>();
        for (Call c : load) {
            last.put(c.call() + ":" + c.key(), c);
        }
        List<Call> retried = new ArrayList<>();
        for (Call c : last.values()) {
            boolean settled = "T".equals(c.call()) ? "answered".equals(c.result()) : c.succeeded();
            if (!settled) {
                String vsp = "T".equals(c.call()) ? "" : load.stream()
                        .filter(x -> "T".equals(x.call()) && x.key().equals(c.key()) && x.succeeded())
                        .map(Call::vspTrxId).findFirst().orElse("");
                retried.add(send(base, c.call(), c.key(), c.token(), c.amount(), vsp, "retry"));
            }
        }
        write(out, retried);
        summary("yoyo: calls still unanswered after the load, sent again", retried);
    }

    static void storm(String base, Path out, int copies, String token) throws Exception {
        List<Call> all = new ArrayList<>();
        String first = String.valueOf(System.currentTimeMillis() * 1000 + 1);
        all.addAll(atOnce(copies, () -> send(base, "T", first, token, AMOUNT, "", "storm")));
        all.addAll(atOnce(copies, () -> send(base, "F", first, token, AMOUNT, "", "storm")));
        String second = String.valueOf(System.currentTimeMillis() * 1000 + 2);
        all.addAll(atOnce(copies, () -> send(base, "T", second, token, AMOUNT, "", "storm")));
        all.addAll(atOnce(copies, () -> send(base, "R", second, token, AMOUNT, "", "storm")));
        write(out, all);
        for (String call : List.of("T", "F", "R")) {
            summary("yoyo storm " + call + " x" + copies, all.stream().filter(c -> c.call().equals(call)).toList());
        }
    }

    /** The same call from {@code copies} threads, released together. */
    static List<Call> atOnce(int copies, java.util.function.Supplier<Call> call) throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(copies);
        CountDownLatch ready = new CountDownLatch(copies);
        CountDownLatch go = new CountDownLatch(1);
        List<Call> calls = Collections.synchronizedList(new ArrayList<>());
        for (int i = 0; i < copies; i++) {
            pool.submit(() -> {
                ready.countDown();
                go.await();
                calls.add(call.get());
                return null;
            });
        }
        ready.await();
        go.countDown();
        pool.shutdown();
        pool.awaitTermination(60, TimeUnit.SECONDS);
        return calls;
    }

    static void write(Path out, List<Call> calls) throws IOException {
        List<String> lines = new ArrayList<>();
        for (Call c : calls) {
            lines.add(c.tsv());
        }
        Files.write(out, lines);
    }

    static void summary(String what, List<Call> calls) {
        Map<String, Integer> byAnswer = new TreeMap<>();
        long maxLatency = 0;
        for (Call c : calls) {
            byAnswer.merge(c.call() + ":" + c.result() + ":" + c.code(), 1, Integer::sum);
            maxLatency = Math.max(maxLatency, c.latencyMs());
        }
        long vsp = calls.stream().filter(c -> "T".equals(c.call()) && c.succeeded()).map(Call::vspTrxId).distinct().count();
        System.out.println(what + ": calls=" + calls.size() + " by_answer=" + byAnswer + " max_latency_ms=" + maxLatency
                + " distinct_vspTrxIds=" + vsp);
    }
}
