package io.posbridge.ops;

import jakarta.validation.constraints.NotBlank;
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
        List<String> trustedProxies) {

    public PosbridgeProperties {
        trustedProxies = trustedProxies == null ? List.of() : List.copyOf(trustedProxies);
    }
}
