package io.posbridge.ledger;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/** The ledger's settings (posbridge.ledger.*); defaults are in application.yaml. */
@Validated
@ConfigurationProperties("posbridge.ledger")
public record LedgerProperties(
        /*
         * How many rows each currency's settlement account is spread over. Every transfer moves the settlement
         * account too; one row would make every transfer in the currency wait for the one before it to commit.
         */
        @Min(1) @Max(256) int settlementStripes) {
}
