package io.posbridge.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import java.util.List;
import org.apache.catalina.valves.RemoteIpValve;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.web.ServerProperties;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;

/** How posbridge.trusted-proxies sets up the RemoteIpValve Spring Boot adds; over HTTP see BehindAProxyTest. */
class TrustedProxiesTest {

    @Test
    void noTrustedProxiesReplacesSpringBootsPrivateRangesWithNobody() {
        RemoteIpValve valve = springBootsValve();
        assertThat(valve.getInternalProxies()).isNotEmpty();

        new TrustedProxies(settings(List.of())).customize(factoryWith(valve));

        assertThat(valve.getInternalProxies()).isNull();
        assertThat(valve.getTrustedProxies()).isNull();
    }

    @Test
    void trustedProxiesBecomeTheValvesInternalProxies() {
        RemoteIpValve valve = springBootsValve();

        new TrustedProxies(settings(List.of("10.42.0.0/16"))).customize(factoryWith(valve));

        assertThat("10.42.7.1").matches(valve.getInternalProxies());
        assertThat("10.43.7.1").doesNotMatch(valve.getInternalProxies());
        assertThat("127.0.0.1").doesNotMatch(valve.getInternalProxies());
    }

    @Test
    void refusesToStartWithARangeItCannotTrustOrWithoutTheValve() {
        assertThatIllegalStateException()
                .isThrownBy(() -> new TrustedProxies(settings(List.of("fd00::/8"))).customize(factoryWith(springBootsValve())))
                .withMessageContaining("posbridge.trusted-proxies");
        assertThatIllegalStateException()
                .isThrownBy(() -> new TrustedProxies(settings(List.of())).customize(new TomcatServletWebServerFactory()))
                .withMessageContaining("server.forward-headers-strategy");
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

    private static PosbridgeProperties settings(List<String> trustedProxies) {
        return new PosbridgeProperties("routes", trustedProxies);
    }
}
