package io.posbridge.orders;

import java.time.OffsetDateTime;

/** An order as the order store keeps it. */
public record StoredOrder(
        String orderId,
        String basketId,
        String source,
        String terminalId,
        String branchId,
        boolean instant,
        String basket,
        OrderState state,
        String reason,
        String errorCode,
        int attempts,
        OffsetDateTime nextAttemptAt,
        OffsetDateTime receivedAt,
        OffsetDateTime sentAt,
        OffsetDateTime lastEventAt,
        OffsetDateTime updatedAt,
        String outcome,
        String traceParent) {
}
