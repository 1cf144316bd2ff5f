package io.posbridge.orders;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/** The order half's settings (posbridge.orders.*); defaults are in application.yaml. */
@Validated
@ConfigurationProperties("posbridge.orders")
public record OrdersProperties(
        @NotBlank String inbox,
        @NotBlank String errorDir,
        String queueUri,
        String queueDeadLetterUri,
        /* Whether posbridge declares the queue intake's topology (OrderQueueTopology); off when the broker's owner does. */
        boolean queueDeclare,
        @NotBlank String queueName,
        @NotBlank String queueExchange,
        @NotBlank String deadLetterExchange,
        @NotBlank String deadLetterQueue,
        /* How often a queue message that could not be stored is tried again before it goes back to the queue. */
        @Positive int queueRetries,
        @NotNull Duration queueRetryDelay,
        @NotNull Duration queueMaxRetryDelay,
        @NotBlank String outcomeUri,
        @NotNull DataSize maxBody,
        @NotNull Duration dispatchInterval,
        @Positive int dispatchBatch,
        @Positive int dispatchConcurrency,
        /* Orders TokenX took are recorded SENT in groups, at least this often (routes/orders-dispatch.camel.yaml). */
        @NotNull Duration recordSentEvery,
        @NotNull Duration retryDelay,
        @NotNull Duration maxRetryDelay,
        @NotNull Duration stuckAfter,
        @NotNull Duration pollInterval,
        @NotNull Duration pollAfter,
        @NotNull Duration outcomeInterval,
        @NotNull Duration basketTtl,
        /* Client name to the hex SHA-256 of the API key it sends to /api/orders. */
        Map<String, String> apiKeys) {

    public OrdersProperties {
        apiKeys = apiKeys == null ? Map.of() : Map.copyOf(apiKeys);
    }
}
