package io.posbridge.yoyo;

import jakarta.validation.Valid;
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
        /* Whether each call must carry vspCredentials (see CredentialsMode). */
        @Valid @NotNull CredentialsPerCall credentials,
        /* Our VSP id number and name, echoed in every transaction answer. */
        long vspNumber,
        @NotNull String vspName,
        /* Callers allowed by address (CIDR); empty allows any. */
        List<String> allowedCidrs,
        @NotNull DataSize maxBody,
        @NotNull Duration holdTimeout,
        @NotNull Duration sweepInterval,
        /* The largest amount in cents a single call may carry. */
        @Positive long maxAmount,
        /* Every call is answered within this (YoyoDeadline); Yoyo itself gives up after 15 s. */
        @NotNull Duration deadline) {

    public YoyoProperties {
        allowedCidrs = allowedCidrs == null ? List.of() : List.copyOf(allowedCidrs);
        if (deadline != null && (deadline.toMillis() < 1000 || deadline.toMillis() > 14_000)) {
            throw new IllegalArgumentException("posbridge.yoyo.deadline must be from 1s to 14s: Yoyo gives a VSP 15 s in all");
        }
    }

    /**
     * What a call without vspCredentials gets. Yoyo's own docs leave them out of the token-info example and call
     * them optional on the advise, so a VSP may have to accept those calls without them.
     */
    public enum CredentialsMode {
        /** Without credentials the call is refused (code 2). */
        REQUIRED,
        /**
         * Without credentials the call is let through only when allowed-cidrs is set and the caller is inside it;
         * credentials that are sent must still be right.
         */
        IF_PRESENT
    }

    /** posbridge.yoyo.credentials.transaction, .advise and .token-info. */
    public record CredentialsPerCall(
            @NotNull CredentialsMode transaction,
            @NotNull CredentialsMode advise,
            @NotNull CredentialsMode tokenInfo) {
    }
}
