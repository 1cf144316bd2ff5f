package io.posbridge.ops;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/** Settings that belong to no single feature. */
@Validated
@ConfigurationProperties("posbridge")
public record PosbridgeProperties(
        /* Folder the *.camel.yaml route files are loaded from; a ConfigMap mount on Kubernetes. */
        @NotBlank String routesDir,
        /* Proxies (IPv4 CIDR) whose X-Forwarded-For is believed (TrustedProxies); empty believes nobody. */
        List<String> trustedProxies,
        /* What a caller is told to wait (Retry-After) when posbridge cannot take its call right now. */
        @NotNull Duration retryAfter) {

    public PosbridgeProperties {
        trustedProxies = trustedProxies == null ? List.of() : List.copyOf(trustedProxies);
    }
}
