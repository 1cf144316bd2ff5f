package io.posbridge.orders;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import io.posbridge.ops.Sha256;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangePropertyKey;
import org.apache.camel.component.file.GenericFile;
import org.springframework.stereotype.Component;

/**
 * The order files in the inbox, read and put away by their real names. Camel's file paths read "\" as a separator
 * (a file named {@code ..\x.json} would be written, or deleted, as {@code ../x.json}), and its file-to-bytes
 * conversion follows symbolic links and blocks on a named pipe; so the route takes each file with {@code noop} and
 * this bean reads it, archives it in {@code <inbox>/.done} or moves it to the error folder beside its report.
 */
@Component("orderInbox")
public class OrderInbox {

    /** The longest file name Linux file systems take, in bytes (NAME_MAX). */
    static final int MAX_NAME_BYTES = 255;
    private static final String REPORT = ".error.json";
    private static final ObjectWriter JSON = new ObjectMapper().writerWithDefaultPrettyPrinter();

    private final Path done;
    private final Path errorDir;
    private final long maxBytes;
    private final Clock clock;

    public OrderInbox(OrdersProperties settings, Clock clock) {
        this.done = Path.of(settings.inbox(), ".done");
        this.errorDir = Path.of(settings.errorDir());
        this.maxBytes = settings.maxBody().toBytes();
        this.clock = clock;
    }

    /** The file's bytes become the body; a symbolic link or anything but a regular file is refused unread. */
    public void read(Exchange exchange) throws IOException {
        Path file = file(exchange);
        BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        if (attributes.isSymbolicLink()) {
            throw new OrderRefused(List.of("symbolic links are not accepted"));
        }
        if (!attributes.isRegularFile()) {
            throw new OrderRefused(List.of("only regular files are accepted"));
        }
        // NOFOLLOW_LINKS again when opening: the file may have been swapped for a link since it was looked at.
        try (InputStream in = Files.newInputStream(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
            // The same limit as an order posted over HTTP: a file is read whole, so a huge one must not be.
            byte[] body = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
            if (body.length > maxBytes) {
                throw new OrderRefused(List.of("the file is larger than " + maxBytes + " bytes (posbridge.orders.max-body)"));
            }
            exchange.getIn().setBody(body);
        }
    }

    /** Archives a taken file in {@code <inbox>/.done}. */
    public void taken(Exchange exchange) throws IOException {
        Path file = file(exchange);
        Files.createDirectories(done);
        Files.move(file, done.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
    }

    /**
     * Writes the report of a refused file into the error folder and moves the file beside it. A link or a special
     * file is removed instead: moving it could copy what it points to.
     */
    public void refused(Exchange exchange) throws IOException {
        Path file = file(exchange);
        String name = file.getFileName().toString();
        OrderRefused refusal = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, OrderRefused.class);
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("file", name);
        report.put("problems", refusal.problems());
        report.put("refusedAt", OffsetDateTime.now(clock).toString());
        Files.createDirectories(errorDir);
        Files.write(errorDir.resolve(reportName(name)), JSON.writeValueAsBytes(report));
        if (Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            Files.move(file, errorDir.resolve(name), StandardCopyOption.REPLACE_EXISTING);
        } else {
            Files.delete(file);
        }
    }

    /**
     * {@code <name>.error.json}; when that would be longer than a file name may be, the name is cut short (at a whole
     * character) and told apart from others cut the same way by a digest of the whole name. The report's {@code file}
     * holds the name in full.
     */
    static String reportName(String name) {
        String report = name + REPORT;
        if (utf8Length(report) <= MAX_NAME_BYTES) {
            return report;
        }
        String tail = "~" + Sha256.hex(name).substring(0, 16) + REPORT;
        int room = MAX_NAME_BYTES - tail.length();
        StringBuilder head = new StringBuilder();
        for (int i = 0; i < name.length(); i += Character.charCount(name.codePointAt(i))) {
            String character = Character.toString(name.codePointAt(i));
            room -= utf8Length(character);
            if (room < 0) {
                break;
            }
            head.append(character);
        }
        return head + tail;
    }

    private static int utf8Length(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }

    /** The file as it was listed, under its real name. */
    private static Path file(Exchange exchange) {
        GenericFile<?> file = exchange.getProperty(ExchangePropertyKey.FILE_EXCHANGE_FILE, GenericFile.class);
        return ((File) file.getFile()).toPath();
    }
}
