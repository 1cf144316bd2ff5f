package io.posbridge.yoyo;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/** The VSP half's settings (posbridge.yoyo.*); defaults are in application.yaml. */
@Validated
@ConfigurationProperties("posbridge.yoyo")
public record YoyoProperties(
        boolean enabled,
        String vspId,
        String vspPassword,
        /* Our VSP id number and name, echoed in every transaction answer. */
        long vspNumber,
        @NotNull String vspName,
        /* Callers allowed by address (CIDR); empty allows any. */
        List<String> allowedCidrs,
        @NotNull DataSize maxBody,
        @NotNull Duration holdTimeout,
        @NotNull Duration sweepInterval,
        /* The largest amount in cents a single call may carry. */
        @Positive long maxAmount) {

    public YoyoProperties {
        allowedCidrs = allowedCidrs == null ? List.of() : List.copyOf(allowedCidrs);
    }
}
