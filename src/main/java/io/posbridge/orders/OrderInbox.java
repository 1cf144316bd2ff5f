package io.posbridge.orders;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import io.posbridge.ops.Sha256;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangePropertyKey;
import org.apache.camel.component.file.GenericFile;
import org.apache.camel.support.SynchronizationAdapter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The order files in the inbox, taken, read and put away by their real names. Camel's file paths read "\" as a
 * separator (a file named {@code ..\x.json} would be written, or deleted, as {@code ../x.json}), and its file-to-bytes
 * conversion follows symbolic links and blocks on a named pipe; so the route lists each file with {@code noop} and
 * this bean takes it (renames it into this replica's own folder), reads it, archives it in {@code <inbox>/.done} or
 * moves it to the error folder beside its report.
 */
@Component("orderInbox")
public class OrderInbox {

    /** The longest file name Linux file systems take, in bytes (NAME_MAX). */
    static final int MAX_NAME_BYTES = 255;
    private static final String REPORT = ".error.json";
    private static final ObjectWriter JSON = new ObjectMapper().writerWithDefaultPrettyPrinter();
    private static final Logger LOG = LoggerFactory.getLogger(OrderInbox.class);
    /** Exchange property: where the file is while this replica works on it. */
    static final String TAKEN = "PosbridgeTakenFile";

    private final Path inbox;
    private final Path done;
    private final Path taking;
    private final Path mine;
    private final Path errorDir;
    private final long maxBytes;
    private final Duration abandonedAfter;
    private final Clock clock;

    public OrderInbox(OrdersProperties settings, Clock clock) {
        this.inbox = Path.of(settings.inbox());
        this.done = inbox.resolve(".done");
        this.taking = inbox.resolve(".taking");
        // Each run of each replica has a folder of its own, so a name taken twice (sent again by the till) never meets.
        this.mine = taking.resolve(UUID.randomUUID().toString());
        this.errorDir = Path.of(settings.errorDir());
        this.maxBytes = settings.maxBody().toBytes();
        this.abandonedAfter = settings.stuckAfter();
        this.clock = clock;
    }

    /**
     * Takes a listed file by renaming it into this replica's folder, {@code <inbox>/.taking/<run id>}: a rename is
     * atomic, so of the replicas that listed the same file exactly one takes it, and the others get false. Should the
     * exchange fail for a reason that is not the order's (the database is down), the file goes back to the inbox to be
     * taken again.
     */
    public boolean take(Exchange exchange) throws IOException {
        Path listed = listed(exchange);
        Path taken = mine.resolve(listed.getFileName());
        Files.createDirectories(mine);
        try {
            Files.move(listed, taken, StandardCopyOption.ATOMIC_MOVE);
        } catch (NoSuchFileException e) {
            // Taken by another replica; or this folder was just cleared away as idle, and the next poll takes the file.
            return false;
        }
        exchange.setProperty(TAKEN, taken);
        exchange.getExchangeExtension().addOnCompletion(new SynchronizationAdapter() {
            @Override
            public void onFailure(Exchange failed) {
                putBack(taken, listed);
            }
        });
        return true;
    }

    /**
     * Puts back into the inbox the files a replica took and never finished (it was killed): those in other runs'
     * folders under {@code .taking} that have not changed for {@code posbridge.orders.stuck-after}. A file taken twice
     * is no harm, as an order stored again with the same content is the same order. Empty folders that old go.
     */
    public void putBackAbandoned() throws IOException {
        if (!Files.isDirectory(taking, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        Instant before = clock.instant().minus(abandonedAfter);
        try (DirectoryStream<Path> runs = Files.newDirectoryStream(taking)) {
            for (Path run : runs) {
                try {
                    putBackIfAbandoned(run, before);
                } catch (NoSuchFileException e) {
                    // another replica cleared this folder first
                }
            }
        }
    }

    private void putBackIfAbandoned(Path run, Instant before) throws IOException {
        BasicFileAttributes folder = Files.readAttributes(run, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        // A folder changes whenever its replica takes a file or puts one away: one unchanged that long is abandoned.
        if (run.equals(mine) || !folder.isDirectory() || folder.lastModifiedTime().toInstant().isAfter(before)) {
            return;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(run)) {
            for (Path file : files) {
                if (putBack(file, inbox.resolve(file.getFileName()))) {
                    LOG.warn("order file {} was left in {} by a replica that stopped while taking it; put back into the "
                            + "inbox", file.getFileName(), run);
                }
            }
        }
        try {
            Files.delete(run);
        } catch (DirectoryNotEmptyException e) {
            // a file could not go back (one of its name is in the inbox again): tried again on the next round
        }
    }

    /** Moves a taken file back to where it was listed, unless a file of that name has arrived there since. */
    private static boolean putBack(Path taken, Path listed) {
        try {
            Files.move(taken, listed);
            return true;
        } catch (FileAlreadyExistsException e) {
            LOG.warn("order file {} not put back: a file of that name is in the inbox again; it stays in {}",
                    listed.getFileName(), taken.getParent());
        } catch (NoSuchFileException e) {
            // archived or refused meanwhile, or put back by another replica: nothing left to put back
        } catch (IOException e) {
            LOG.error("order file {} could not be put back into the inbox from {}: {}",
                    listed.getFileName(), taken.getParent(), e.getMessage());
        }
        return false;
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
    private static Path listed(Exchange exchange) {
        GenericFile<?> file = exchange.getProperty(ExchangePropertyKey.FILE_EXCHANGE_FILE, GenericFile.class);
        return ((File) file.getFile()).toPath();
    }

    /** The file this replica took. */
    private static Path file(Exchange exchange) {
        return exchange.getProperty(TAKEN, Path.class);
    }
}
