package io.posbridge.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import java.util.List;
import org.apache.catalina.valves.RemoteIpValve;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.boot.autoconfigure.web.ServerProperties;
import org.springframework.boot.autoconfigure.web.ServerProperties.ForwardHeadersStrategy;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;

/** How posbridge.trusted-proxies sets up the RemoteIpValve Spring Boot adds; over HTTP see BehindAProxyTest. */
class TrustedProxiesTest {

    @Test
    void noTrustedProxiesReplacesSpringBootsPrivateRangesWithNobody() {
        RemoteIpValve valve = springBootsValve();
        assertThat(valve.getInternalProxies()).isNotEmpty();

        trustedProxies(List.of()).customize(factoryWith(valve));

        assertThat(valve.getInternalProxies()).isNull();
        assertThat(valve.getTrustedProxies()).isNull();
    }

    @Test
    void trustedProxiesBecomeTheValvesInternalProxies() {
        RemoteIpValve valve = springBootsValve();

        trustedProxies(List.of("10.42.0.0/16")).customize(factoryWith(valve));

        assertThat("10.42.7.1").matches(valve.getInternalProxies());
        assertThat("10.43.7.1").doesNotMatch(valve.getInternalProxies());
        assertThat("127.0.0.1").doesNotMatch(valve.getInternalProxies());
    }

    @ParameterizedTest
    @EnumSource(value = ForwardHeadersStrategy.class, names = "NATIVE", mode = EnumSource.Mode.EXCLUDE)
    void refusesToStartWithAnotherForwardHeadersStrategy(ForwardHeadersStrategy strategy) {
        ServerProperties server = new ServerProperties();
        server.setForwardHeadersStrategy(strategy);
        assertThatIllegalStateException()
                .isThrownBy(() -> new TrustedProxies(settings(List.of()), server).customize(new TomcatServletWebServerFactory()))
                .withMessageContaining("server.forward-headers-strategy");
    }

    @Test
    void refusesToStartWithARangeItCannotTrust() {
        assertThatIllegalStateException()
                .isThrownBy(() -> trustedProxies(List.of("fd00::/8")).customize(factoryWith(springBootsValve())))
                .withMessageContaining("posbridge.trusted-proxies");
    }

    /** As Spring Boot adds it for server.forward-headers-strategy=native: its default trusts every private range. */
    private static RemoteIpValve springBootsValve() {
        RemoteIpValve valve = new RemoteIpValve();
        valve.setInternalProxies(new ServerProperties().getTomcat().getRemoteip().getInternalProxies());
        return valve;
    }

    private static TomcatServletWebServerFactory factoryWith(RemoteIpValve valve) {
        TomcatServletWebServerFactory factory = new TomcatServletWebServerFactory();
        factory.addEngineValves(valve);
        return factory;
    }

    /** As application.yaml sets it up: forward-headers-strategy native. */
    private static TrustedProxies trustedProxies(List<String> ranges) {
        ServerProperties server = new ServerProperties();
        server.setForwardHeadersStrategy(ForwardHeadersStrategy.NATIVE);
        return new TrustedProxies(settings(ranges), server);
    }

    private static PosbridgeProperties settings(List<String> trustedProxies) {
        return new PosbridgeProperties("routes", trustedProxies, java.time.Duration.ofSeconds(5));
    }
}
