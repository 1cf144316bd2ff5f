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

/**
 * With the order half off and none of its settings given, posbridge starts, ready, and none of the half's routes runs:
 * their precondition leaves them out of the context altogether.
 */
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
    void startsReadyWithNoTokenxRouteAndNoSync() {
        // Everything but the VSP half belongs to the order half and must stay still: none of its routes is there to run.
        var routes = camel.getRoutes().stream().map(Route::getRouteId).toList();
        assertThat(routes).doesNotContain("tokenx-create-basket", "tokenx-call", "tokenx-fetch-token", "tokenx-webhook",
                "orders-intake", "orders-from-files", "orders-dispatch", "orders-poll", "orders-outcomes");
        assertThat(routes).allSatisfy(id -> assertThat(id).startsWith("yoyo-"));
        assertThat(routes).allSatisfy(id ->
                assertThat(camel.getRouteController().getRouteStatus(id)).isEqualTo(ServiceStatus.Started));
        assertThat(clientSettings.status().state()).isEqualTo(TokenxClientSettingsSync.State.DISABLED);
        assertThat(health.healthForPath("readiness").getStatus()).isEqualTo(Status.UP);
    }
}
