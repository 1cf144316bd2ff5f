import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What a Kubernetes Service does for bench/faults' two-replica scenario (JDK only): each connection accepted on the
 * port goes to the next replica in turn, and to the one after when a replica refuses it (stopped, or stopping and no
 * longer accepting), so the load, the fake TokenX's webhooks and Yoyo reach whichever replicas are up. Every 2 s it
 * prints the connections each replica took.
 *
 * Usage: {@code ServiceProxy PORT host:port,host:port}
 */
public class ServiceProxy {

    static final Map<String, AtomicLong> CONNECTIONS = new ConcurrentHashMap<>();

    public static void main(String[] args) throws IOException, InterruptedException {
        int port = Integer.parseInt(args[0]);
        List<String> backends = List.of(args[1].split(","));
        backends.forEach(b -> CONNECTIONS.put(b, new AtomicLong()));
        CONNECTIONS.put("refused", new AtomicLong());
        AtomicInteger next = new AtomicInteger();
        ServerSocket server = new ServerSocket();
        server.bind(new InetSocketAddress("127.0.0.1", port), 512);
        Thread reporter = new Thread(() -> {
            String last = "";
            while (true) {
                String now = "connections " + new TreeMap<>(CONNECTIONS);
                if (!now.equals(last)) {
                    System.out.println(System.currentTimeMillis() + " " + now);
                    last = now;
                }
                try {
                    Thread.sleep(2000);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        reporter.setDaemon(true);
        reporter.start();
        System.out.println("service on 127.0.0.1:" + port + " for " + backends);
        while (true) {
            Socket client = server.accept();
            int first = Math.floorMod(next.getAndIncrement(), backends.size());
            daemon(() -> forward(client, backends, first));
        }
    }

    static void forward(Socket client, List<String> backends, int first) {
        for (int i = 0; i < backends.size(); i++) {
            String backend = backends.get((first + i) % backends.size());
            String[] hostPort = backend.split(":");
            Socket upstream = new Socket();
            try {
                upstream.connect(new InetSocketAddress(hostPort[0], Integer.parseInt(hostPort[1])), 1000);
            } catch (IOException refused) {
                close(upstream);
                continue;
            }
            CONNECTIONS.get(backend).incrementAndGet();
            daemon(() -> pipe(client, upstream));
            pipe(upstream, client);
            return;
        }
        CONNECTIONS.get("refused").incrementAndGet();
        close(client);
    }

    /** Copies until either side ends, then closes both, so the other direction ends too. */
    static void pipe(Socket from, Socket to) {
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            in.transferTo(out);
        } catch (IOException ignored) {
            // a replica stopping, or the client done: both sides are closed below
        } finally {
            close(from);
            close(to);
        }
    }

    static void daemon(Runnable work) {
        Thread thread = new Thread(work);
        thread.setDaemon(true);
        thread.start();
    }

    static void close(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // nothing left to do with it
        }
    }
}
