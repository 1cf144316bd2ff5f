import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A till's side of the fault scenarios: orders through the three doors, each retried until posbridge (or the broker,
 * or the folder) has confirmed it. The queue door uses the RabbitMQ Java client that posbridge itself ships (taken
 * from its jar by bench/faults/lib.sh), with publisher confirms, persistent messages and mandatory publishing, as the
 * docs/orders.md, "Intake" asks of publishers; everything else is the JDK.
 *
 * What confirms an order: a file once it is renamed into the inbox; a queue message once the broker acknowledged it
 * (and did not return it as unroutable); an HTTP post only on 202. A 503 (with Retry-After), a 404 before readiness,
 * a connection refused or a timeout is "refused, retry later": the order is sent again a little later, the same order
 * (same id and content), until it is confirmed or the run's time is up. Every order is one TSV line:
 *
 * <pre>orderId  door  status  attempts  refused_503  refused_404  no_answer  other  created_ms  confirmed_ms  terminal</pre>
 *
 * status is confirmed, gave_up (not confirmed in time) or invalid (answered 400: the load only sends valid orders).
 *
 * Modes (arguments are key=value):
 * <ul>
 * <li>{@code load out= base= inbox= amqp= exchange= routingKey= rate= seconds= max= doors=file,queue,http
 * terminals= prefix= [grace=]}: {@code rate} orders a second, round robin over the doors, for {@code seconds} or
 * {@code max} orders, each to terminal {@code prefix}T(n % terminals); then up to {@code grace} seconds (120) to
 * confirm the ones still waiting.</li>
 * <li>{@code storm out= base= inbox= amqp= exchange= routingKey= orders= files= messages= posts= prefix=}: each of
 * {@code orders} orders at the same moment as {@code files} files (different names, same content), {@code messages}
 * queue messages and {@code posts} HTTP posts. Every copy's answer is one line of {@code out}: orderId, door, answer.</li>
 * <li>{@code webhooks out= base= auth= basket= copies= operation= date=}: the same webhook {@code copies} times at
 * once; each answer a line of {@code out}.</li>
 * <li>{@code clean amqp= names=a,b,c}: deletes those queues and exchanges (the run's topology).</li>
 * </ul>
 */
public class OrderTraffic {

    static final String API_KEY = "bench-till-key";

    /** One order and what it took to get it confirmed. */
    static final class Order {
        final String id;
        final String door;
        final String terminal;
        final String json;
        final long createdMs = System.currentTimeMillis();
        volatile String status = "gave_up";
        volatile long confirmedMs;
        int attempts;
        int refused503;
        int refused404;
        int noAnswer;
        int other;

        Order(String id, String door, String terminal) {
            this.id = id;
            this.door = door;
            this.terminal = terminal;
            this.json = order(id, terminal);
        }

        String tsv() {
            return String.join("\t", id, door, status, Integer.toString(attempts), Integer.toString(refused503),
                    Integer.toString(refused404), Integer.toString(noAnswer), Integer.toString(other),
                    Long.toString(createdMs), Long.toString(confirmedMs), terminal);
        }
    }

    static String order(String id, String terminal) {
        return "{\"orderId\":\"" + id + "\",\"terminalId\":\"" + terminal + "\","
                + "\"lines\":[{\"name\":\"Tea\",\"unitPrice\":\"10.00\",\"quantity\":\"1\",\"vatRate\":\"10\",\"section\":1}],"
                + "\"payments\":[{\"type\":\"CASH\",\"amount\":\"10.00\"}]}";
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> a = new TreeMap<>();
        for (int i = 1; i < args.length; i++) {
            String[] kv = args[i].split("=", 2);
            a.put(kv[0], kv[1]);
        }
        switch (args[0]) {
            case "load" -> load(a);
            case "storm" -> storm(a);
            case "webhooks" -> webhooks(a);
            case "clean" -> clean(a.get("amqp"), a.get("names").split(","));
            default -> throw new IllegalArgumentException(args[0]);
        }
    }

    // ---- load -------------------------------------------------------------------------------------------------------

    static void load(Map<String, String> a) throws Exception {
        double rate = Double.parseDouble(a.get("rate"));
        int seconds = Integer.parseInt(a.get("seconds"));
        int max = Integer.parseInt(a.get("max"));
        int terminals = Integer.parseInt(a.get("terminals"));
        String prefix = a.get("prefix");
        List<String> doors = List.of(a.get("doors").split(","));
        long grace = Long.parseLong(a.getOrDefault("grace", "120")) * 1000;
        long end = System.currentTimeMillis() + seconds * 1000L;
        long deadline = end + grace;
        Doors send = new Doors(a, deadline);

        List<Order> orders = new ArrayList<>();
        long start = System.nanoTime();
        for (int n = 0; n < max && System.currentTimeMillis() < end; n++) {
            String door = doors.get(n % doors.size());
            Order order = new Order(prefix + n, door, prefix + "T" + (n % terminals));
            orders.add(order);
            send.submit(order);
            long due = start + (long) ((n + 1) * 1e9 / rate);
            long wait = due - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
        }
        send.finish(deadline);
        List<String> lines = new ArrayList<>();
        Map<String, Integer> figures = new TreeMap<>();
        for (Order o : orders) {
            lines.add(o.tsv());
            figures.merge(o.door + "_" + o.status, 1, Integer::sum);
            figures.merge(o.door + "_refused_503", o.refused503, Integer::sum);
            figures.merge(o.door + "_refused_404", o.refused404, Integer::sum);
            figures.merge(o.door + "_no_answer", o.noAnswer, Integer::sum);
            figures.merge(o.door + "_other", o.other, Integer::sum);
        }
        figures.values().removeIf(v -> v == 0);
        Files.write(Path.of(a.get("out")), lines);
        System.out.println("orders sent=" + orders.size() + " " + figures);
    }

    /** The three doors, each with its own threads; every order is retried at its door until confirmed or deadline. */
    static final class Doors {
        final Map<String, String> a;
        final long deadline;
        final ExecutorService files = Executors.newSingleThreadExecutor();
        final ExecutorService http = Executors.newFixedThreadPool(4);
        final ExecutorService queue = Executors.newSingleThreadExecutor(); // a channel is not shared between threads
        final Publisher publisher;

        Doors(Map<String, String> a, long deadline) {
            this.a = a;
            this.deadline = deadline;
            this.publisher = a.containsKey("amqp") ? new Publisher(a.get("amqp"), a.get("exchange"), a.get("routingKey")) : null;
        }

        void submit(Order order) {
            switch (order.door) {
                case "file" -> files.submit(() -> untilConfirmed(order, () -> dropFile(Path.of(a.get("inbox")), order.id + ".json", order.json)));
                case "http" -> http.submit(() -> untilConfirmed(order, () -> postOrder(a.get("base"), order)));
                case "queue" -> queue.submit(() -> untilConfirmed(order, () -> publisher.publish(order)));
                default -> throw new IllegalArgumentException(order.door);
            }
        }

        void finish(long deadline) throws InterruptedException {
            for (ExecutorService pool : List.of(files, http, queue)) {
                pool.shutdown();
            }
            for (ExecutorService pool : List.of(files, http, queue)) {
                pool.awaitTermination(Math.max(1, deadline - System.currentTimeMillis() + 20_000), TimeUnit.MILLISECONDS);
            }
            if (publisher != null) {
                publisher.close();
            }
        }

        /** One try answers how long to wait before the next, or 0 once confirmed, or -1 when it must not be retried. */
        interface Attempt {
            long run() throws Exception;
        }

        void untilConfirmed(Order order, Attempt attempt) {
            while (System.currentTimeMillis() < deadline) {
                order.attempts++;
                long wait;
                try {
                    wait = attempt.run();
                } catch (Exception e) {
                    order.other++;
                    wait = 1000;
                }
                if (wait == 0) {
                    order.status = "confirmed";
                    order.confirmedMs = System.currentTimeMillis();
                    return;
                }
                if (wait < 0) {
                    order.status = "invalid";
                    return;
                }
                FaultHttp.sleep(wait);
            }
        }

        long postOrder(String base, Order order) {
            FaultHttp.Answer answer = FaultHttp.post(base + "/api/orders", Map.of("X-Api-Key", API_KEY), order.json, 15_000);
            switch (answer.status()) {
                case 202 -> {
                    return 0;
                }
                case 503 -> {
                    order.refused503++;
                    return retryAfter(answer.retryAfter());
                }
                case 404 -> {
                    order.refused404++;
                    return 1000;
                }
                case 400 -> {
                    System.err.println("order " + order.id + " refused: " + answer.body());
                    return -1;
                }
                case -1, -2 -> {
                    order.noAnswer++;
                    return 1000;
                }
                default -> {
                    order.other++;
                    return 1000;
                }
            }
        }
    }

    static long retryAfter(String header) {
        try {
            return Math.min(5000, Math.max(200, Long.parseLong(header.trim()) * 1000));
        } catch (RuntimeException e) {
            return 1000;
        }
    }

    /** Written under another name and renamed, as docs/orders.md, "Intake" asks: the rename is the hand-over. */
    static long dropFile(Path inbox, String name, String json) throws IOException {
        Files.createDirectories(inbox);
        Path temp = inbox.resolve(name + ".tmp");
        Files.writeString(temp, json);
        Files.move(temp, inbox.resolve(name), StandardCopyOption.ATOMIC_MOVE);
        return 0;
    }

    /**
     * Persistent, mandatory, confirmed publishing. No automatic recovery: after a broken connection (broker restart)
     * the next try opens a new one, and an order counts only once its own publish was confirmed.
     */
    static final class Publisher {
        final String uri;
        final String exchange;
        final String routingKey;
        Connection connection;
        Channel channel;
        final Set<String> returned = ConcurrentHashMap.newKeySet();

        Publisher(String uri, String exchange, String routingKey) {
            this.uri = uri;
            this.exchange = exchange;
            this.routingKey = routingKey;
        }

        long publish(Order order) {
            try {
                return publish(order.id, order.json) ? 0 : 1000;
            } catch (Exception e) {
                order.noAnswer++;
                close();
                return 1000;
            }
        }

        /** True when the broker confirmed the message and did not return it. */
        boolean publish(String id, String json) throws Exception {
            if (channel == null || !channel.isOpen()) {
                close();
                ConnectionFactory factory = new ConnectionFactory();
                factory.setUri(uri);
                factory.setAutomaticRecoveryEnabled(false);
                factory.setConnectionTimeout(3000);
                connection = factory.newConnection("posbridge-faults");
                channel = connection.createChannel();
                channel.confirmSelect();
                channel.addReturnListener(r -> returned.add(r.getProperties().getMessageId()));
            }
            AMQP.BasicProperties properties = new AMQP.BasicProperties.Builder().contentType("application/json")
                    .deliveryMode(2).messageId(id).build();
            channel.basicPublish(exchange, routingKey, true, properties, json.getBytes(StandardCharsets.UTF_8));
            channel.waitForConfirmsOrDie(5000);
            return !returned.remove(id);
        }

        void close() {
            try {
                if (connection != null) {
                    connection.abort(1000);
                }
            } catch (RuntimeException e) {
                // already gone
            }
            connection = null;
            channel = null;
        }
    }

    // ---- storms -----------------------------------------------------------------------------------------------------

    /** The same order through every door at the same moment; each copy's answer one line. */
    static void storm(Map<String, String> a) throws Exception {
        int orders = Integer.parseInt(a.get("orders"));
        int files = Integer.parseInt(a.get("files"));
        int messages = Integer.parseInt(a.get("messages"));
        int posts = Integer.parseInt(a.get("posts"));
        Path inbox = Path.of(a.get("inbox"));
        List<String> answers = Collections.synchronizedList(new ArrayList<>());
        for (int n = 0; n < orders; n++) {
            String id = a.get("prefix") + n;
            String json = order(id, a.get("prefix") + "T" + n);
            List<Runnable> copies = new ArrayList<>();
            for (int f = 0; f < files; f++) {
                String name = id + (f == 0 ? "" : "-copy" + f) + ".json";
                copies.add(() -> {
                    try {
                        dropFile(inbox, name, json);
                        answers.add(id + "\tfile\tdropped");
                    } catch (IOException e) {
                        answers.add(id + "\tfile\t" + e);
                    }
                });
            }
            for (int m = 0; m < messages; m++) {
                copies.add(() -> {
                    Publisher publisher = new Publisher(a.get("amqp"), a.get("exchange"), a.get("routingKey"));
                    try {
                        answers.add(id + "\tqueue\t" + (publisher.publish(id, json) ? "confirmed" : "returned"));
                    } catch (Exception e) {
                        answers.add(id + "\tqueue\t" + e);
                    } finally {
                        publisher.close();
                    }
                });
            }
            for (int p = 0; p < posts; p++) {
                copies.add(() -> answers.add(id + "\thttp\t" + FaultHttp.post(a.get("base") + "/api/orders",
                        Map.of("X-Api-Key", API_KEY), json, 15_000).kind()));
            }
            atOnce(copies);
        }
        Files.write(Path.of(a.get("out")), answers);
        System.out.println("order storm: " + orders + " orders x (" + files + " files, " + messages + " messages, " + posts
                + " posts): " + count(answers));
    }

    /** The same webhook, copies times at once. */
    static void webhooks(Map<String, String> a) throws Exception {
        int copies = Integer.parseInt(a.get("copies"));
        String operation = a.get("operation");
        String basket = a.get("basket");
        String data = "BASKET_COMPLETED".equals(operation)
                ? "{\"basketID\":\"" + basket + "\",\"message\":\"OK\",\"paymentItems\":[{\"amount\":1000,\"type\":1}],"
                        + "\"receiptNo\":7,\"status\":0,\"zNo\":1}"
                : "{\"basketID\":\"" + basket + "\",\"lockedBy\":\"QUIET\"}";
        String body = "{\"terminalId\":\"QUIET\",\"operation\":\"" + operation + "\",\"operationDate\":\"" + a.get("date")
                + "\",\"data\":" + data + "}";
        List<String> answers = Collections.synchronizedList(new ArrayList<>());
        List<Runnable> calls = new ArrayList<>();
        for (int i = 0; i < copies; i++) {
            calls.add(() -> {
                FaultHttp.Answer answer = FaultHttp.post(a.get("base") + "/webhooks/tokenx",
                        Map.of("Authorization", a.get("auth")), body, 15_000);
                String kind = answer.kind();
                if (answer.status() == 200) {
                    kind = answer.body().contains("\"duplicate\":true") ? "200-duplicate" : "200-first";
                }
                answers.add(basket + "\t" + operation + "\t" + kind);
            });
        }
        atOnce(calls);
        Files.write(Path.of(a.get("out")), answers, java.nio.file.StandardOpenOption.CREATE,
                java.nio.file.StandardOpenOption.APPEND);
        System.out.println("webhook storm " + operation + " x" + copies + ": " + count(answers));
    }

    static Map<String, Integer> count(List<String> answers) {
        Map<String, Integer> counts = new TreeMap<>();
        for (String line : answers) {
            String[] f = line.split("\t");
            counts.merge(f[1] + ":" + f[2], 1, Integer::sum);
        }
        return counts;
    }

    /** Runs every task on its own thread, all released together, and waits for them (a minute at most). */
    static void atOnce(List<Runnable> tasks) throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(tasks.size());
        CountDownLatch ready = new CountDownLatch(tasks.size());
        CountDownLatch go = new CountDownLatch(1);
        for (Runnable task : tasks) {
            pool.submit(() -> {
                ready.countDown();
                go.await();
                task.run();
                return null;
            });
        }
        ready.await();
        go.countDown();
        pool.shutdown();
        pool.awaitTermination(60, TimeUnit.SECONDS);
    }

    // ---- cleanup ----------------------------------------------------------------------------------------------------

    static void clean(String uri, String[] names) throws Exception {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setUri(uri);
        factory.setAutomaticRecoveryEnabled(false);
        try (Connection connection = factory.newConnection("posbridge-faults-clean")) {
            ConcurrentLinkedQueue<String> done = new ConcurrentLinkedQueue<>();
            for (String name : names) {
                // Each delete on its own channel: deleting what does not exist closes the channel.
                try (Channel channel = connection.createChannel()) {
                    channel.queueDelete(name);
                    done.add("queue " + name);
                } catch (IOException | RuntimeException e) {
                    // not a queue
                }
                try (Channel channel = connection.createChannel()) {
                    channel.exchangeDelete(name);
                    done.add("exchange " + name);
                } catch (IOException | RuntimeException e) {
                    // not an exchange
                }
            }
            System.out.println("deleted: " + done);
        }
    }
}
