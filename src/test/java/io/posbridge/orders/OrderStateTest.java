package io.posbridge.orders;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The order state machine on its own: what may follow what, and that nothing leaves a final state. */
class OrderStateTest {

    @ParameterizedTest
    @EnumSource(OrderState.class)
    void nothingLeavesAFinalState(OrderState to) {
        assertThat(to.reachableFrom()).as(to + " reachable from").noneMatch(OrderState::isFinal);
    }

    @Test
    void theFinalStatesAreTheOutcomes() {
        assertThat(EnumSet.allOf(OrderState.class).stream().filter(OrderState::isFinal))
                .containsExactlyInAnyOrder(OrderState.COMPLETED, OrderState.CANCELLED, OrderState.VOIDED,
                        OrderState.REJECTED, OrderState.EXPIRED, OrderState.DELETED);
    }

    @Test
    void anOrderIsNeverMovedBackToReceivedAndIsSentOnlyOnceClaimedOrByTokenxsWord() {
        assertThat(OrderState.RECEIVED.reachableFrom()).isEmpty();
        assertThat(OrderState.SENT.reachableFrom()).containsExactlyInAnyOrder(OrderState.SENDING, OrderState.LOCKED,
                OrderState.WAITING);
        assertThat(OrderState.SENDING.reachableFrom()).containsExactlyInAnyOrder(OrderState.RECEIVED, OrderState.WAITING);
    }

    /** WAITING too: TokenX may have a basket whose answer was lost, and its webhook says so. */
    @Test
    void onlyABasketThatMayBeAtTokenxCanBePaidCancelledOrVoided() {
        Set<OrderState> atTokenx = EnumSet.of(OrderState.SENDING, OrderState.SENT, OrderState.LOCKED, OrderState.WAITING);
        for (OrderState outcome : EnumSet.of(OrderState.COMPLETED, OrderState.CANCELLED, OrderState.VOIDED)) {
            assertThat(outcome.reachableFrom()).as(outcome.name()).isEqualTo(atTokenx);
        }
    }

    @Test
    void aSendingOrderIsNeitherDeletedNorExpiredUnderTheReplicaSendingIt() {
        assertThat(OrderState.DELETED.reachableFrom()).doesNotContain(OrderState.SENDING);
        assertThat(OrderState.EXPIRED.reachableFrom()).doesNotContain(OrderState.SENDING);
        assertThat(OrderState.REJECTED.reachableFrom()).containsExactlyInAnyOrder(OrderState.RECEIVED, OrderState.WAITING,
                OrderState.SENDING);
    }
}
