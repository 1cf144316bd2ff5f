package io.posbridge.orders;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The decision orders-cancel branches on: only a basket TokenX has (sent or locked) is deleted there first. */
class OrderCancelTest {

    private final OrderCancel cancel = new OrderCancel(null, null);

    @ParameterizedTest
    @EnumSource(OrderState.class)
    void aBasketIsDeletedAtTokenxOnlyWhenTokenxHasIt(OrderState state) {
        assertThat(cancel.basketAtTokenx(order(state)))
                .isEqualTo(EnumSet.of(OrderState.SENT, OrderState.LOCKED).contains(state));
    }

    @Test
    void noOrderHasNoBasketAtTokenx() {
        assertThat(cancel.basketAtTokenx(null)).isFalse();
    }

    private static StoredOrder order(OrderState state) {
        return new StoredOrder("O-1", "b-1", "HTTP", "T-1", null, false, "{}", state, null, null, 0, null, null, null,
                null, null, null, null);
    }
}
