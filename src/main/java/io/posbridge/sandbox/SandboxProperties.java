package io.posbridge.sandbox;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.context.annotation.Profile;
import org.springframework.validation.annotation.Validated;

/**
 * The TokenX simulator's settings (posbridge.sandbox.*), read only in the sandbox and tokenx-simulator profiles;
 * the values are in application.yaml's simulator section. The profile condition keeps the configuration-properties
 * scan from binding (and validating) it anywhere else.
 */
@Profile({"sandbox", "tokenx-simulator"})
@Validated
@ConfigurationProperties("posbridge.sandbox")
public record SandboxProperties(
        /** The client credentials the simulator's auth endpoint accepts (HTTP Basic). */
        @NotBlank String clientId,
        @NotBlank String clientSecret,
        /** How long an issued access token lives: the {@code expiresIn} of the auth answer. */
        @NotNull Duration tokenLifetime,
        /** How long after it arrives a basket is locked by a simulated device. */
        @NotNull Duration lockAfter,
        /** How long after the lock the device completes the sale. */
        @NotNull Duration completeAfter,
        /** Shares of completed baskets that end cancelled (-1) or voided (99); the rest are paid (0). */
        @DecimalMin("0.0") @DecimalMax("1.0") double cancelledRate,
        @DecimalMin("0.0") @DecimalMax("1.0") double voidedRate,
        @NotBlank String merchantId,
        /** Largest receipt total, in kuruş, every terminal reports in its fiscal parameters. */
        @PositiveOrZero long receiptLimit,
        @NotEmpty List<@Valid Terminal> terminals,
        @Valid @NotNull Demo demo) {

    public enum Mode {
        /** Takes baskets from the list (POST /v1/basket); the default. */
        LIST,
        /** "Immediate basket payment": takes only instant baskets (POST /v1/instant-basket). */
        INSTANT
    }

    public record Terminal(@NotBlank String id, String branchId, Mode mode, @NotEmpty List<@Valid Section> sections) {
        public Terminal {
            mode = mode == null ? Mode.LIST : mode;
        }
    }

    /** A department of the fiscal device, with its VAT rate in hundredths of a percent (1000 = 10 %). */
    public record Section(@NotNull Integer sectionNo, @NotBlank String name, @NotNull Integer taxPercent) {
    }

    /** The Yoyo account the sandbox profile opens at start-up (not used by the simulator alone). */
    public record Demo(@NotBlank String accountId, @NotBlank String currency, @PositiveOrZero long openingBalance,
            List<String> tokens) {
        public Demo {
            tokens = tokens == null ? List.of() : List.copyOf(tokens);
        }
    }

    public Optional<Terminal> terminal(String id) {
        return terminals.stream().filter(t -> t.id().equals(id)).findFirst();
    }

    public List<Terminal> branch(String branchId) {
        return terminals.stream().filter(t -> branchId.equals(t.branchId())).toList();
    }

    @Override
    public String toString() {
        return "SandboxProperties[clientId=" + clientId + ", clientSecret=*****, terminals=" + terminals.size() + "]";
    }
}
