package io.posbridge.ops.logging;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

/** The ids a piece of work puts in the MDC are gone when it ends, whatever the thread does next. */
class LogIdsTest {

    @AfterEach
    void clean() {
        MDC.clear();
    }

    @Test
    void theIdsAreInTheMdcWhileOpenAndGoneAfter() {
        try (LogIds ids = LogIds.order("ORD-1", "basket-1")) {
            assertThat(MDC.get("orderId")).isEqualTo("ORD-1");
            assertThat(MDC.get("basketId")).isEqualTo("basket-1");
        }
        assertThat(MDC.getCopyOfContextMap()).isNullOrEmpty();
    }

    @Test
    void theyGoEvenWhenTheWorkFails() {
        try (LogIds ids = LogIds.yoyo("430376", "17")) {
            throw new IllegalStateException("failed");
        } catch (IllegalStateException expected) {
            // the point is what is left behind
        }
        assertThat(MDC.get("wiTrxId")).isNull();
        assertThat(MDC.get("vspTrxId")).isNull();
    }

    @Test
    void anInnerScopePutsBackWhatTheOuterOneHad() {
        MDC.put("camel.routeId", "orders-send");
        try (LogIds outer = LogIds.order("ORD-1", "basket-1")) {
            try (LogIds inner = LogIds.order("ORD-2", null)) {
                assertThat(MDC.get("orderId")).isEqualTo("ORD-2");
                assertThat(MDC.get("basketId")).isEqualTo("basket-1");
            }
            assertThat(MDC.get("orderId")).isEqualTo("ORD-1");
        }
        assertThat(MDC.getCopyOfContextMap()).containsOnlyKeys("camel.routeId");
    }

    @Test
    void anIdNotKnownIsLeftOut() {
        try (LogIds ids = LogIds.yoyo("430376", null)) {
            assertThat(MDC.getCopyOfContextMap()).containsOnlyKeys("wiTrxId");
        }
    }
}
