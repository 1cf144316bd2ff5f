package io.posbridge.orders;

import static org.assertj.core.api.Assertions.assertThat;

import io.posbridge.support.AtOnce;
import io.posbridge.support.MutableClock;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangePropertyKey;
import org.apache.camel.spi.Synchronization;
import org.apache.camel.component.file.GenericFile;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/**
 * The inbox without a database: a listed file is taken by exactly one of the replicas that listed it, goes back to
 * the inbox when its exchange fails, and one a killed replica left behind goes back once unchanged for stuck-after.
 * And the report name beside a refused file: {@code <name>.error.json} while that is a name Linux takes.
 */
class OrderInboxTest {

    private static final CamelContext CAMEL = new DefaultCamelContext();
    private final MutableClock clock = new MutableClock();

    @TempDir
    Path work;

    @AfterAll
    static void stop() throws Exception {
        CAMEL.close();
    }

    @Test
    void ofReplicasListingTheSameFileAtOnceExactlyOneTakesIt() throws Exception {
        List<OrderInbox> replicas = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            replicas.add(inbox());
        }
        for (int round = 0; round < 20; round++) {
            Path file = drop("order-" + round + ".json");
            List<Exchange> listings = replicas.stream().map(r -> listing(file)).toList();
            List<Callable<Boolean>> takes = new ArrayList<>();
            for (int i = 0; i < replicas.size(); i++) {
                OrderInbox replica = replicas.get(i);
                Exchange listing = listings.get(i);
                takes.add(() -> replica.take(listing));
            }
            assertThat(AtOnce.run(takes).stream().filter(Boolean::booleanValue).count()).as(file.toString()).isEqualTo(1);
            assertThat(file).doesNotExist();
            Exchange winner = listings.stream().filter(e -> e.getProperty(OrderInbox.TAKEN) != null).findFirst().orElseThrow();
            Path taken = winner.getProperty(OrderInbox.TAKEN, Path.class);
            assertThat(taken).hasContent("{\"n\":\"" + file.getFileName() + "\"}");
            assertThat(taken.getParent().getParent()).isEqualTo(inboxDir().resolve(".taking"));
        }
    }

    @Test
    void aTakenFileIsArchivedByItsRealNameAndAFailedExchangePutsItBack() throws Exception {
        OrderInbox replica = inbox();
        Path file = drop("..\\odd\nname.json");
        Exchange exchange = listing(file);
        assertThat(replica.take(exchange)).isTrue();
        replica.read(exchange);
        assertThat(exchange.getIn().getBody(String.class)).contains("odd");
        replica.taken(exchange);
        finish(exchange);
        assertThat(inboxDir().resolve(".done").resolve(file.getFileName())).exists();
        assertThat(file).doesNotExist();

        Path again = drop("again.json");
        Exchange failing = listing(again);
        assertThat(replica.take(failing)).isTrue();
        assertThat(again).doesNotExist();
        failing.setException(new IllegalStateException("database down"));
        finish(failing);
        assertThat(again).as("back in the inbox").hasContent("{\"n\":\"again.json\"}");
        assertThat(replica.take(listing(again))).as("and taken again").isTrue();
    }

    @Test
    void aFileAKilledReplicaLeftGoesBackOnceUnchangedForStuckAfter() throws Exception {
        OrderInbox killed = inbox();
        Path file = drop("left.json");
        Exchange exchange = listing(file);
        assertThat(killed.take(exchange)).isTrue();
        Path left = exchange.getProperty(OrderInbox.TAKEN, Path.class);
        // The killed replica never finishes; a live one holding a file of its own must keep it.
        OrderInbox alive = inbox();
        Exchange busy = listing(drop("busy.json"));
        assertThat(alive.take(busy)).isTrue();
        Path held = busy.getProperty(OrderInbox.TAKEN, Path.class);
        Files.setLastModifiedTime(held.getParent(), FileTime.from(clock.instant().minus(Duration.ofHours(1))));

        alive.putBackAbandoned();
        assertThat(left).as("not yet: changed less than stuck-after ago").exists();
        clock.advance(Duration.ofMinutes(3));
        alive.putBackAbandoned();
        assertThat(file).as("put back").hasContent("{\"n\":\"left.json\"}");
        assertThat(left.getParent()).as("its folder cleared away").doesNotExist();
        assertThat(held).as("a replica never puts back its own").exists();

        // A file of the same name in the inbox again is never overwritten: the left one waits for the next round.
        Exchange second = listing(file);
        assertThat(killed.take(second)).isTrue();
        Path leftAgain = second.getProperty(OrderInbox.TAKEN, Path.class);
        Files.writeString(file, "newer");
        clock.advance(Duration.ofMinutes(3));
        alive.putBackAbandoned();
        assertThat(file).hasContent("newer");
        assertThat(leftAgain).exists();
    }

    @Test
    void aReportNameIsTheFileNameWithItsSuffixUpTo255Bytes() {
        String longest = "a".repeat(239) + ".json";   // 244 bytes: its report has 255
        assertThat(OrderInbox.reportName("x.json")).isEqualTo("x.json.error.json");
        assertThat(OrderInbox.reportName(longest)).isEqualTo(longest + ".error.json").hasSize(255);
        assertThat(OrderInbox.reportName("a" + longest)).hasSize(255).endsWith(".error.json").contains("~");
    }

    @Test
    void aLongerOneIsCutAtAWholeCharacterAndToldApartByADigest() {
        String twoBytes = "ş".repeat(125) + ".json";
        String report = OrderInbox.reportName(twoBytes);
        assertThat(report.getBytes(StandardCharsets.UTF_8).length).isBetween(254, 255);
        assertThat(report).matches("ş+~[0-9a-f]{16}\\.error\\.json");
        assertThat(OrderInbox.reportName("a".repeat(240) + ".json"))
                .hasSize(255).isNotEqualTo(OrderInbox.reportName("a".repeat(241) + ".json"));
    }

    private Path inboxDir() {
        return work.resolve("inbox");
    }

    private OrderInbox inbox() {
        var source = new MapConfigurationPropertySource(Map.of("posbridge.orders.inbox", inboxDir().toString(),
                "posbridge.orders.error-dir", work.resolve("error").toString(), "posbridge.orders.max-body", "1KB",
                "posbridge.orders.stuck-after", "2m"));
        return new OrderInbox(new Binder(source).bind("posbridge.orders", OrdersProperties.class).get(), clock);
    }

    private Path drop(String name) throws IOException {
        Files.createDirectories(inboxDir());
        return Files.writeString(inboxDir().resolve(name), "{\"n\":\"" + name + "\"}");
    }

    /** What Camel does when the route is done with the exchange: run what was to happen on success or failure. */
    private static void finish(Exchange exchange) {
        for (Synchronization completion : exchange.getExchangeExtension().handoverCompletions()) {
            if (exchange.isFailed()) {
                completion.onFailure(exchange);
            } else {
                completion.onComplete(exchange);
            }
        }
    }

    /** The exchange Camel's file consumer makes of a listed file. */
    private static Exchange listing(Path file) {
        GenericFile<File> listed = new GenericFile<>();
        listed.setFile(file.toFile());
        Exchange exchange = new DefaultExchange(CAMEL);
        exchange.setProperty(ExchangePropertyKey.FILE_EXCHANGE_FILE, listed);
        return exchange;
    }
}
