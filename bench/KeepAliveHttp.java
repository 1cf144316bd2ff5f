import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;

/**
 * The load generators' HTTP client: one keep-alive HTTP/1.1 connection, written and read by hand. java.net.http
 * costs more CPU per call than posbridge's whole Yoyo route, and the load generator shares this machine's two cores
 * with posbridge and PostgreSQL; pgbench, the baseline, is a lean C client.
 */
public final class KeepAliveHttp implements AutoCloseable {
    private final URI base;
    private final String headers;
    private Socket socket;
    private InputStream in;
    private OutputStream out;

    public KeepAliveHttp(URI base, Map<String, String> headers) throws IOException {
        this.base = base;
        StringBuilder fixed = new StringBuilder("Host: " + base.getHost() + ":" + base.getPort() + "\r\n");
        headers.forEach((name, value) -> fixed.append(name).append(": ").append(value).append("\r\n"));
        this.headers = fixed.toString();
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

    /** POSTs a JSON body and answers the response body; anything but 200 is an IOException. */
    public String post(String path, String body) throws IOException {
        byte[] content = body.getBytes(StandardCharsets.UTF_8);
        out.write(("POST " + path + " HTTP/1.1\r\n" + headers + "Content-Type: application/json\r\n"
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
