package io.posbridge.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.posbridge.sandbox.SandboxProperties.Mode;
import io.posbridge.sandbox.SandboxProperties.Terminal;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The baskets the simulator holds and TokenX's rules for them: one open basket per terminal (1100), one per check
 * number (1101), instant baskets only on instant-mode terminals (1104), no change to a locked (1018) or completed
 * (1102) basket, duplicates refused (1007). Every method runs under one lock; nothing here talks to the network.
 */
public class SimulatedBaskets {

    /** What a device's attempt to lock a basket came to. */
    record Lock(boolean done, boolean retryLater, String terminalId, int round) {
    }

    /** A basket a device finished: the terminal that did and the sale it reports. */
    record Completion(String terminalId, ObjectNode sale) {
    }

    record Unlocked(String terminalId, int round) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int Z_NO = 1;

    private final SandboxProperties settings;
    private final Map<String, SimulatedBasket> baskets = new LinkedHashMap<>();
    private final Map<String, Integer> receiptNumbers = new HashMap<>();

    public SimulatedBaskets(SandboxProperties settings) {
        this.settings = settings;
    }

    /** POST /v1/basket (list mode) and POST /v1/instant-basket. Returns the round the devices work on. */
    synchronized int create(SandboxContext context, BasketContent content, boolean instant) {
        if (instant) {
            if (!context.isTerminal()) {
                throw TokenxError.wrongFormat("an instant basket goes to one terminal (terminal-id), not to a "
                        + context.header());
            }
            Terminal terminal = terminal(context.value());
            if (terminal.mode() != Mode.INSTANT) {
                throw TokenxError.notInstantMode(terminal.id());
            }
        } else if (context.isTerminal()) {
            terminal(context.value());
        } else if (context.isBranch()) {
            if (settings.branch(context.value()).isEmpty()) {
                throw TokenxError.noRecord("branch " + context.value());
            }
        } else {
            throw TokenxError.wrongFormat("a basket goes to a terminal-id or a branch-id, not to a merchant-id");
        }
        if (baskets.containsKey(content.basketId())) {
            throw TokenxError.duplicate("basket " + content.basketId() + " exists");
        }
        if (context.isTerminal()) {
            checkFiscal(terminal(context.value()), content);
            if (baskets.values().stream().anyMatch(b -> b.occupies(context.value()))) {
                throw TokenxError.terminalBusy(context.value());
            }
        }
        checkNumberFree(context, content, null);
        SimulatedBasket basket = new SimulatedBasket(content, context, instant);
        baskets.put(basket.id, basket);
        return basket.round;
    }

    /** PUT /v1/basket/{id}: new content for an open basket. */
    synchronized void update(SandboxContext context, String basketId, BasketContent content) {
        SimulatedBasket basket = existing(basketId);
        if (!basket.sentTo(context)) {
            throw TokenxError.forbidden("basket " + basketId + " was not sent to " + context.header() + " "
                    + context.value());
        }
        if (!basketId.equals(content.basketId())) {
            throw TokenxError.wrongFormat("the body's basketID differs from the path's");
        }
        openForChange(basket);
        if (basket.terminalId != null) {
            checkFiscal(terminal(basket.terminalId), content);
        }
        checkNumberFree(context, content, basketId);
        basket.content = content;
    }

    /** POST /v1/basket/unlock: frees a locked basket for any terminal again. */
    synchronized Unlocked unlock(SandboxContext context, String basketId) {
        SimulatedBasket basket = existing(basketId);
        if (!basket.sentTo(context) && !context.value().equals(basket.lockedBy)) {
            throw TokenxError.forbidden("basket " + basketId + " was not sent to " + context.header() + " "
                    + context.value());
        }
        if (basket.isFinished()) {
            throw TokenxError.alreadyCompleted(basketId);
        }
        if (basket.state != SimulatedBasket.State.LOCKED) {
            throw new TokenxError(org.springframework.http.HttpStatus.BAD_REQUEST, 1105,
                    "Basket status is not suitable for this operation: basket " + basketId + " is not locked");
        }
        String was = basket.lockedBy;
        basket.state = SimulatedBasket.State.OPEN;
        basket.lockedBy = null;
        basket.round++;
        return new Unlocked(was, basket.round);
    }

    /** DELETE /v1/basket/{id}. */
    synchronized void delete(String basketId) {
        SimulatedBasket basket = existing(basketId);
        openForChange(basket);
        baskets.remove(basketId);
    }

    synchronized ObjectNode details(String basketId) {
        return existing(basketId).details();
    }

    /** GET /v1/basket/open-basket: the basket a terminal has open (sent to it or locked by it). */
    synchronized ObjectNode openBasketOf(String terminalId) {
        terminal(terminalId);
        return baskets.values().stream().filter(b -> b.occupies(terminalId)).findFirst()
                .map(SimulatedBasket::details)
                .orElseThrow(() -> TokenxError.noRecord("terminal " + terminalId + " has no open basket"));
    }

    synchronized Optional<String> openBasketIdOf(String terminalId) {
        return baskets.values().stream().filter(b -> b.occupies(terminalId)).findFirst().map(b -> b.id);
    }

    /** A device takes the basket: its own terminal, or the first free terminal of its branch. */
    synchronized Lock lock(String basketId, int round) {
        SimulatedBasket basket = baskets.get(basketId);
        if (basket == null || basket.round != round || basket.state != SimulatedBasket.State.OPEN) {
            return new Lock(false, false, null, round);
        }
        String terminal = basket.terminalId;
        if (terminal == null) {
            terminal = settings.branch(basket.branchId).stream().filter(t -> t.mode() == Mode.LIST).map(Terminal::id)
                    .filter(id -> baskets.values().stream().noneMatch(b -> b.occupies(id)))
                    .findFirst().orElse(null);
            if (terminal == null) {
                return new Lock(false, true, null, round);
            }
        }
        basket.state = SimulatedBasket.State.LOCKED;
        basket.lockedBy = terminal;
        return new Lock(true, false, terminal, round);
    }

    /** The device finishes the sale: 0 paid, -1 cancelled, 99 receipt voided. */
    synchronized Optional<Completion> complete(String basketId, int round, int saleStatus) {
        SimulatedBasket basket = baskets.get(basketId);
        if (basket == null || basket.round != round || basket.state != SimulatedBasket.State.LOCKED) {
            return Optional.empty();
        }
        String terminal = basket.lockedBy;
        ObjectNode sale = JSON.createObjectNode();
        sale.put("basketID", basket.id);
        sale.put("documentType", basket.content.body().path("documentType").asInt(0));
        sale.put("invoiceID", "");
        sale.put("message", switch (saleStatus) {
            case 0 -> "OK";
            case -1 -> "Cancelled on the device";
            default -> "Receipt voided";
        });
        ArrayNode payments = sale.putArray("paymentItems");
        if (saleStatus != -1) {
            List<JsonNode> given = basket.content.payments();
            if (given.isEmpty()) {
                payments.add(payment(1, basket.content.itemsTotal()));
            } else {
                given.forEach(p -> payments.add(payment(p.path("type").asInt(), p.path("amount").asLong())));
            }
        }
        sale.put("paymentCount", payments.size());
        sale.put("receiptNo", saleStatus == -1 ? 0 : receiptNumbers.merge(terminal, 1, Integer::sum));
        sale.put("status", saleStatus);
        sale.put("UUID", UUID.randomUUID().toString());
        sale.put("zNo", Z_NO);
        basket.state = SimulatedBasket.State.COMPLETED;
        basket.sale = sale;
        return Optional.of(new Completion(terminal, sale));
    }

    /** The terminal; 1106 when the simulator has no such device. */
    Terminal terminal(String terminalId) {
        return settings.terminal(terminalId).orElseThrow(() -> TokenxError.deviceNotFound(terminalId));
    }

    private SimulatedBasket existing(String basketId) {
        SimulatedBasket basket = baskets.get(basketId);
        if (basket == null) {
            throw TokenxError.noRecord("basket " + basketId);
        }
        return basket;
    }

    private static void openForChange(SimulatedBasket basket) {
        if (basket.isFinished()) {
            throw TokenxError.alreadyCompleted(basket.id);
        }
        if (basket.state == SimulatedBasket.State.LOCKED) {
            throw TokenxError.locked(basket.id);
        }
    }

    private void checkNumberFree(SandboxContext context, BasketContent content, String except) {
        if (content.checkNumber() == null) {
            return;
        }
        boolean taken = baskets.values().stream().anyMatch(b -> !b.isFinished() && !b.id.equals(except)
                && b.sentTo(context) && content.checkNumber().equals(b.content.checkNumber()));
        if (taken) {
            throw TokenxError.checkNumberBusy(content.checkNumber());
        }
    }

    /** A device refuses items whose section it lacks or whose tax rate none of its sections carries. */
    private static void checkFiscal(Terminal terminal, BasketContent content) {
        List<Integer> rates = terminal.sections().stream().map(SandboxProperties.Section::taxPercent).toList();
        List<Integer> sections = terminal.sections().stream().map(SandboxProperties.Section::sectionNo).toList();
        for (Integer rate : content.taxPercents()) {
            if (!rates.contains(rate)) {
                throw TokenxError.wrongFormat("tax rate " + rate + " is not set up on terminal " + terminal.id());
            }
        }
        for (Integer section : content.sectionNumbers()) {
            if (!sections.contains(section)) {
                throw TokenxError.wrongFormat("section " + section + " does not exist on terminal " + terminal.id());
            }
        }
    }

    private static ObjectNode payment(int type, long amount) {
        ObjectNode payment = JSON.createObjectNode();
        payment.put("amount", amount);
        payment.put("type", type);
        payment.put("description", switch (type) {
            case 1 -> "Payment with cash";
            case 3 -> "Payment with card";
            case 7 -> "Payment with meal card";
            default -> "Payment of type " + type;
        });
        return payment;
    }
}
