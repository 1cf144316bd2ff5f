package io.posbridge.tokenx;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Everything the TokenX client is told from outside. The defaults live in application.yaml. The URLs and
 * credentials may be blank: {@link io.posbridge.ops.RequiredSettingsCheck} demands them only when the order half
 * is enabled, and nothing here reads them before a call is made.
 */
@Validated
@ConfigurationProperties("posbridge.tokenx")
public record TokenxProperties(
        boolean enabled,
        String authUrl,
        String basketUrl,
        String clientSettingsUrl,
        String clientId,
        String clientSecret,
        String callbackUrl,
        String callbackAuth,
        @NotNull Duration connectTimeout,
        @NotNull Duration responseTimeout,
        @NotNull Duration tokenRefreshMargin,
        @NotNull Duration fiscalCacheTtl,
        @Valid @NotNull FiscalCheck fiscalCheck,
        @Valid @NotNull Retry retry,
        @Valid @NotNull Breaker breaker,
        @Valid @NotNull ClientSettings clientSettings) {

    /** Whether a basket is checked against its terminal's fiscal parameters before it is sent. */
    public record FiscalCheck(boolean enabled, List<String> skipTerminals) {
        public FiscalCheck {
            skipTerminals = skipTerminals == null ? List.of() : List.copyOf(skipTerminals);
        }

        public boolean appliesTo(String terminalId) {
            return enabled && !skipTerminals.contains(terminalId);
        }
    }

    /** Redelivery of calls that failed with a retry-kind error; each attempt is one circuit-breaker call. */
    public record Retry(
            @Min(0) int maxRedeliveries,
            @NotNull Duration initialDelay,
            @DecimalMin("1.0") double multiplier,
            @NotNull Duration maxDelay,
            @DecimalMin("0.0") @DecimalMax("1.0") double jitter) {
    }

    public record Breaker(
            @DecimalMin("1.0") @DecimalMax("100.0") float failureRateThreshold,
            @Min(1) int slidingWindowSize,
            @Min(1) int minimumNumberOfCalls,
            @NotNull Duration waitDurationInOpenState,
            @Min(1) int permittedCallsInHalfOpenState) {
    }

    /** How often the start-up client-settings sync tries again while TokenX cannot be reached. */
    public record ClientSettings(@NotNull Duration retryDelay) {
    }

    /** A record prints every component; this one carries the client secret and the callback auth. */
    @Override
    public String toString() {
        return "TokenxProperties[enabled=" + enabled + ", authUrl=" + authUrl + ", basketUrl=" + basketUrl
                + ", clientSettingsUrl=" + clientSettingsUrl + ", clientId=" + clientId + ", clientSecret=*****"
                + ", callbackUrl=" + callbackUrl + ", callbackAuth=*****]";
    }
}
