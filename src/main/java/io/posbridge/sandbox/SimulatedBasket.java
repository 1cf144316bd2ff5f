package io.posbridge.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One basket the simulator holds. Changed only under {@link SimulatedBaskets}' lock. {@code round} counts the
 * times a device picked it up: a device step scheduled for an older round (before an unlock) does nothing.
 */
final class SimulatedBasket {

    enum State {
        OPEN, LOCKED, COMPLETED
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    final String id;
    /** Exactly one of terminalId and branchId: where the basket was sent. */
    final String terminalId;
    final String branchId;
    final boolean instant;
    BasketContent content;
    State state = State.OPEN;
    String lockedBy;
    ObjectNode sale;
    int round;

    SimulatedBasket(BasketContent content, SandboxContext context, boolean instant) {
        this.id = content.basketId();
        this.content = content;
        this.terminalId = context.isTerminal() ? context.value() : null;
        this.branchId = context.isBranch() ? context.value() : null;
        this.instant = instant;
    }

    boolean isFinished() {
        return state == State.COMPLETED;
    }

    /** Whether this basket keeps {@code terminal} busy: sent to it, or locked by it, and not finished. */
    boolean occupies(String terminal) {
        return !isFinished() && (terminal.equals(terminalId) || terminal.equals(lockedBy));
    }

    boolean sentTo(SandboxContext context) {
        return context.isTerminal() ? context.value().equals(terminalId) : context.value().equals(branchId);
    }

    /** docs/tokenx-api-notes.md, "Basket details result". */
    ObjectNode details() {
        ObjectNode details = JSON.createObjectNode();
        details.put("basketID", id);
        details.put("status", state.name());
        details.put("total", content.itemsTotal());
        details.put("isLocked", state == State.LOCKED);
        details.put("lockedBy", lockedBy);
        details.put("terminalId", terminalId);
        details.put("branchId", branchId);
        details.put("instant", instant);
        details.set("items", content.items().deepCopy());
        details.set("paymentItems", content.body().path("paymentItems").isArray()
                ? content.body().path("paymentItems").deepCopy() : JSON.createArrayNode());
        JsonNode check = content.body().path("checkNumber");
        if (!check.isMissingNode()) {
            details.set("checkNumber", check.deepCopy());
        }
        details.set("sale", sale == null ? JSON.nullNode() : sale.deepCopy());
        return details;
    }
}
