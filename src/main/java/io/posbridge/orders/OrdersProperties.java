package io.posbridge.orders;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import java.time.Duration;
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
        @NotBlank String outcomeUri,
        @NotNull DataSize maxBody,
        @NotNull Duration dispatchInterval,
        @Positive int dispatchBatch,
        @Positive int dispatchConcurrency,
        @NotNull Duration retryDelay,
        @NotNull Duration maxRetryDelay,
        @NotNull Duration stuckAfter,
        @NotNull Duration pollInterval,
        @NotNull Duration pollAfter,
        @NotNull Duration outcomeInterval,
        @NotNull Duration basketTtl) {
}
