package io.posbridge.reconciliation;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.time.ZoneId;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/** The daily reconciliation's settings (posbridge.reconciliation.*); defaults are in application.yaml. */
@Validated
@ConfigurationProperties("posbridge.reconciliation")
public record ReconciliationProperties(
        /* Where a day begins and ends: the calendar day of the business, not of the server. */
        @NotNull ZoneId timeZone,
        /* TokenX baskets carry no currency; their amounts are in this one (kuruş of TRY). */
        @NotNull @Pattern(regexp = "[A-Z]{3}") String orderCurrency) {
}
