package io.posbridge.tokenx;

import static org.assertj.core.api.Assertions.assertThat;

import io.posbridge.support.FreshPostgres;
import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.camel.ServiceStatus;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.actuate.health.HealthEndpoint;
import org.springframework.boot.actuate.health.Status;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;

/** With the order half off and none of its settings given, posbridge starts, ready, with the tokenx routes stopped. */
@FreshPostgres
@SpringBootTest(properties = {
        "posbridge.tokenx.enabled=false",
        "posbridge.tokenx.auth-url=", "posbridge.tokenx.basket-url=", "posbridge.tokenx.client-settings-url=",
        "posbridge.tokenx.client-id=", "posbridge.tokenx.client-secret=",
        "posbridge.tokenx.callback-url=", "posbridge.tokenx.callback-auth="})
@ActiveProfiles("test")
class TokenxDisabledTest {

    @Autowired
    CamelContext camel;
    @Autowired
    TokenxClientSettingsSync clientSettings;
    @Autowired
    HealthEndpoint health;

    @Test
    void startsReadyWithEveryTokenxRouteStoppedAndNoSync() {
        // Everything but the VSP half belongs to the order half and must stay still.
        var orderHalfRoutes = camel.getRoutes().stream().map(Route::getRouteId).filter(id -> !id.startsWith("yoyo-"))
                .toList();
        assertThat(orderHalfRoutes).contains("tokenx-create-basket", "tokenx-call", "tokenx-fetch-token", "tokenx-webhook",
                "order-intake", "orders-from-files", "orders-dispatch", "orders-poll", "orders-outcomes");
        assertThat(orderHalfRoutes).allSatisfy(id ->
                assertThat(camel.getRouteController().getRouteStatus(id)).isEqualTo(ServiceStatus.Stopped));
        assertThat(clientSettings.status().state()).isEqualTo(TokenxClientSettingsSync.State.DISABLED);
        assertThat(health.healthForPath("readiness").getStatus()).isEqualTo(Status.UP);
    }
}
