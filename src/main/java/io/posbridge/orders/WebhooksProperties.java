package io.posbridge.orders;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/** Where TokenX's webhooks arrive (posbridge.webhooks.*). */
@Validated
@ConfigurationProperties("posbridge.webhooks")
public record WebhooksProperties(@NotBlank String path, List<String> allowedCidrs, @NotNull DataSize maxBody) {

    public WebhooksProperties {
        allowedCidrs = allowedCidrs == null ? List.of() : List.copyOf(allowedCidrs);
    }
}
