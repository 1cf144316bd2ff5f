package io.posbridge.ops;

import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/** Who may use the admin API (HTTP Basic), and how large its request bodies may be. */
@Validated
@ConfigurationProperties("posbridge.admin")
public record AdminProperties(String username, String password, @NotNull DataSize maxBody) {
}
