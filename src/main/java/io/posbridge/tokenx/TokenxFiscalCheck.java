package io.posbridge.tokenx;

import static io.posbridge.tokenx.TokenxHeaders.REQUEST;
import static io.posbridge.tokenx.TokenxHeaders.TERMINAL_ID;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.Collectors;
import org.apache.camel.Exchange;

/**
 * Refuses a basket its terminal could not fiscalise, before it is sent: every item's tax rate must be one the
 * terminal's sections carry, an item's section must exist (and carry the item's rate) where the parameters list
 * sections, and the total must stay within {@code receiptLimit} when one is set. Baskets for a branch are not
 * checked: which terminal takes them is decided on the floor.
 */
public class TokenxFiscalCheck {

    private final TokenxFiscalParameterCache parameters;
    private final TokenxProperties.FiscalCheck settings;

    public TokenxFiscalCheck(TokenxFiscalParameterCache parameters, TokenxProperties.FiscalCheck settings) {
        this.parameters = parameters;
        this.settings = settings;
    }

    public void check(Exchange exchange) {
        TokenxRequest request = exchange.getProperty(REQUEST, TokenxRequest.class);
        if (!TERMINAL_ID.equals(request.contextHeader()) || !settings.appliesTo(request.contextValue())) {
            return;
        }
        check((TokenxBasket) request.body(), request.contextValue(), parameters.forTerminal(request.contextValue()));
    }

    static void check(TokenxBasket basket, String terminalId, TokenxFiscalParameters fiscal) {
        List<TokenxFiscalParameters.Section> sections = fiscal.sections();
        List<Integer> rates = sections.stream().map(TokenxFiscalParameters.Section::taxPercent)
                .filter(Objects::nonNull).distinct().sorted().toList();
        List<TokenxBasket.Item> items = basket.items();
        for (int i = 0; i < items.size(); i++) {
            TokenxBasket.Item item = items.get(i);
            String which = "item " + (i + 1) + " '" + item.name() + "'";
            if (item.sectionNo() != null && !sections.isEmpty()) {
                TokenxFiscalParameters.Section section = sections.stream()
                        .filter(s -> item.sectionNo().equals(s.sectionNo())).findFirst().orElse(null);
                if (section == null) {
                    throw mismatch(basket, which + ": section " + item.sectionNo() + " does not exist on terminal "
                            + terminalId + " (sections: " + sections.stream().map(s -> String.valueOf(s.sectionNo()))
                                    .collect(Collectors.joining(", ")) + ")");
                }
                if (section.taxPercent() != null && section.taxPercent() != item.taxPercent()) {
                    throw mismatch(basket, which + ": tax " + percent(item.taxPercent()) + " differs from section "
                            + item.sectionNo() + "'s " + percent(section.taxPercent()) + " on terminal " + terminalId);
                }
            }
            if (!rates.contains(item.taxPercent())) {
                throw mismatch(basket, which + ": tax " + percent(item.taxPercent()) + " is not allowed on terminal "
                        + terminalId + " (allowed: " + rates.stream().map(TokenxFiscalCheck::percent)
                                .collect(Collectors.joining(", ")) + ")");
            }
        }
        Long limit = fiscal.receiptLimit();
        long total = basket.paymentTotal() > 0 ? basket.paymentTotal()
                : items.stream().mapToLong(TokenxBasket.Item::lineTotal).sum();
        if (limit != null && limit > 0 && total > limit) {
            throw mismatch(basket, "the total " + total + " exceeds terminal " + terminalId + "'s receipt limit "
                    + limit);
        }
    }

    private static TokenxException mismatch(TokenxBasket basket, String detail) {
        return TokenxException.refused("FISCAL-MISMATCH", "basket " + basket.basketId() + " was not sent: " + detail);
    }

    /** taxPercent is in hundredths of a percent. */
    private static String percent(int hundredths) {
        return String.format(Locale.ROOT, "%d.%02d %%", hundredths / 100, hundredths % 100);
    }
}
