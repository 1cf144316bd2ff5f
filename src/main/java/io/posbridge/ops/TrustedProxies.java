package io.posbridge.ops;

import java.util.List;
import org.apache.catalina.valves.RemoteIpValve;
import org.springframework.boot.autoconfigure.web.ServerProperties;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;

/**
 * Behind a Kubernetes ingress every call arrives from the ingress; the caller's own address is in X-Forwarded-For.
 * Tomcat's RemoteIpValve, which Spring Boot installs with server.forward-headers-strategy=native, puts that
 * address into getRemoteAddr() for everything that reads it (the Yoyo and webhook allowed-cidrs checks), but only
 * for requests from a proxy it trusts: posbridge.trusted-proxies, nobody when it is empty. The valve is told which
 * proxies to trust here, replacing Spring Boot's default (every private range, which would believe any pod in the
 * cluster), and by regex, the only form its internalProxies take in Tomcat 10.1 (Ipv4RangesRegex).
 */
@Component
public class TrustedProxies implements WebServerFactoryCustomizer<TomcatServletWebServerFactory>, Ordered {

    private final List<String> trustedProxies;
    private final ServerProperties server;

    public TrustedProxies(PosbridgeProperties settings, ServerProperties server) {
        this.trustedProxies = settings.trustedProxies();
        this.server = server;
    }

    @Override
    public void customize(TomcatServletWebServerFactory factory) {
        if (server.getForwardHeadersStrategy() != ServerProperties.ForwardHeadersStrategy.NATIVE) {
            // Another strategy would decide whom to believe: none, nobody; Spring's "framework", anyone.
            throw new IllegalStateException("server.forward-headers-strategy must be native: posbridge.trusted-proxies "
                    + "decides whose X-Forwarded-For is believed");
        }
        String regex;
        try {
            regex = Ipv4RangesRegex.of(trustedProxies);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("posbridge.trusted-proxies: " + e.getMessage(), e);
        }
        // Spring Boot adds none in a test's mock servlet environment, where no server runs.
        List<RemoteIpValve> valves = factory.getEngineValves().stream()
                .filter(RemoteIpValve.class::isInstance).map(RemoteIpValve.class::cast).toList();
        for (RemoteIpValve valve : valves) {
            valve.setInternalProxies(regex);
            valve.setTrustedProxies(null);
        }
    }

    /** After Spring Boot's own Tomcat customizer (order 0), which adds the valve. */
    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
