package io.posbridge.orders;

import java.util.EnumSet;
import java.util.Set;

/**
 * Where an order is. Each state lists the states it may be reached from, so a late or repeated event
 * can never move an order backwards, and nothing leaves a final state.
 */
public enum OrderState {
    RECEIVED,
    WAITING,
    /** Claimed by a replica and on its way to TokenX. */
    SENDING,
    SENT,
    LOCKED,
    COMPLETED,
    CANCELLED,
    VOIDED,
    REJECTED,
    EXPIRED,
    DELETED;

    public boolean isFinal() {
        return FINAL.contains(this);
    }

    /** The states an order may be in for this one to follow. */
    public Set<OrderState> reachableFrom() {
        return switch (this) {
            case RECEIVED -> EnumSet.noneOf(OrderState.class);
            case WAITING -> EnumSet.of(RECEIVED, SENDING);
            case SENDING -> EnumSet.of(RECEIVED, WAITING);
            // A webhook proves the basket is at TokenX, also for an order posbridge still has WAITING: its answer was
            // lost (a timeout), or the replica that sent it died before recording it. Without WAITING here that webhook
            // would be kept but not applied, and the order would wait for the poll.
            case SENT -> EnumSet.of(SENDING, LOCKED, WAITING);
            case LOCKED -> EnumSet.of(SENDING, SENT, WAITING);
            case COMPLETED, CANCELLED, VOIDED -> EnumSet.of(SENDING, SENT, LOCKED, WAITING);
            case REJECTED -> EnumSet.of(RECEIVED, WAITING, SENDING);
            case EXPIRED -> EnumSet.of(RECEIVED, WAITING, SENT, LOCKED);
            case DELETED -> EnumSet.of(RECEIVED, WAITING, SENT, LOCKED);
        };
    }

    static final Set<OrderState> FINAL = EnumSet.of(COMPLETED, CANCELLED, VOIDED, REJECTED, EXPIRED, DELETED);
}
