package io.posbridge.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitAdmin;

/**
 * The tests' RabbitMQ (127.0.0.1:5672, guest/guest, {@code rabbitmqctl} on the PATH), shared with every other
 * test run on the machine: restarted only briefly, and cleaned of the queues and exchanges a test declared.
 */
public final class RabbitBroker {

    private static final long COMMAND_TIMEOUT_SECONDS = 60;

    private RabbitBroker() {
    }

    /** Stops RabbitMQ's application for {@code down}; whatever happens, it is started again. */
    public static void restart(Duration down) throws IOException, InterruptedException {
        try {
            rabbitmqctl("stop_app");
            Thread.sleep(down.toMillis());
        } finally {
            rabbitmqctl("start_app");
        }
    }

    /** Ready plus unacknowledged messages in the queue, as the broker counts them. */
    public static long messagesIn(String queue) throws IOException, InterruptedException {
        String listing = rabbitmqctl("list_queues", "--quiet", "--no-table-headers", "name", "messages");
        return listing.lines().map(line -> line.split("\t")).filter(fields -> fields[0].equals(queue))
                .mapToLong(fields -> Long.parseLong(fields[1].trim())).findFirst()
                .orElseThrow(() -> new AssertionError("no queue " + queue + " on the broker:\n" + listing));
    }

    /**
     * Deletes what a test declared, over a connection of its own (the application's may be closing). Durable
     * queues and exchanges would otherwise outlive the run on the shared broker.
     */
    public static void delete(List<String> queues, List<String> exchanges) {
        CachingConnectionFactory connection = new CachingConnectionFactory("127.0.0.1", 5672);
        try {
            RabbitAdmin admin = new RabbitAdmin(connection);
            queues.forEach(admin::deleteQueue);
            exchanges.forEach(admin::deleteExchange);
        } finally {
            connection.destroy();
        }
    }

    private static String rabbitmqctl(String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("rabbitmqctl"));
        command.addAll(List.of(arguments));
        Path output = Files.createTempFile("rabbitmqctl", ".out");
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
            if (!process.waitFor(COMMAND_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError(command + " did not finish within " + COMMAND_TIMEOUT_SECONDS + " s");
            }
            String text = Files.readString(output);
            if (process.exitValue() != 0) {
                throw new AssertionError(command + " failed (" + process.exitValue() + "): " + text);
            }
            return text;
        } finally {
            Files.deleteIfExists(output);
        }
    }
}
