package io.posbridge.tokenx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Each rule of the pre-send fiscal check, and the settings that switch it off. */
class TokenxFiscalCheckTest {

    private static final TokenxFiscalParameters PARAMETERS = new TokenxFiscalParameters(List.of(
            new TokenxFiscalParameters.Section(1, "Food", 1000, null, null, 1, null),
            new TokenxFiscalParameters.Section(2, "Other", 2000, null, null, 1, null)), 50000L, null, null);

    @Test
    void aBasketWithinTheParametersPasses() {
        assertThatCode(() -> TokenxFiscalCheck.check(basket(item("Pizza", 1, 1000), item("Bag", 2, 2000)), "T1",
                PARAMETERS)).doesNotThrowAnyException();
        assertThatCode(() -> TokenxFiscalCheck.check(basket(item("Water", null, 2000)), "T1", PARAMETERS))
                .doesNotThrowAnyException();
    }

    @Test
    void aTaxRateNoSectionCarriesIsRefusedNamingTheItem() {
        assertThatThrownBy(() -> TokenxFiscalCheck.check(basket(item("Pizza", 1, 1000), item("Cola", null, 1800)),
                "T1", PARAMETERS))
                .isInstanceOfSatisfying(TokenxException.class, e -> {
                    assertThat(e.code()).isEqualTo("FISCAL-MISMATCH");
                    assertThat(e.kind()).isEqualTo(TokenxKind.PERMANENT);
                    assertThat(e.description()).contains("item 2 'Cola'").contains("18.00 %")
                            .contains("10.00 %, 20.00 %");
                });
    }

    @Test
    void aSectionTheTerminalLacksOrWhoseRateDiffersIsRefused() {
        assertThatThrownBy(() -> TokenxFiscalCheck.check(basket(item("Pizza", 7, 1000)), "T1", PARAMETERS))
                .hasMessageContaining("section 7 does not exist on terminal T1");
        assertThatThrownBy(() -> TokenxFiscalCheck.check(basket(item("Pizza", 2, 1000)), "T1", PARAMETERS))
                .hasMessageContaining("differs from section 2's 20.00 %");
    }

    @Test
    void aTotalOverTheReceiptLimitIsRefusedOnlyWhenALimitIsSet() {
        TokenxBasket large = new TokenxBasket("b-1", null, null, null, null,
                List.of(new TokenxBasket.Item("TV", 60000, 1, 1000, 1000, null, null)),
                List.of(new TokenxBasket.Payment(3, 60000, null)), null, null, null, null);
        assertThatThrownBy(() -> TokenxFiscalCheck.check(large, "T1", PARAMETERS))
                .hasMessageContaining("exceeds terminal T1's receipt limit 50000");
        assertThatCode(() -> TokenxFiscalCheck.check(large, "T1",
                new TokenxFiscalParameters(PARAMETERS.sections(), null, null, null))).doesNotThrowAnyException();
    }

    @Test
    void theCheckCanBeSwitchedOffEverywhereOrForSomeTerminals() {
        assertThat(new TokenxProperties.FiscalCheck(true, List.of("T9")).appliesTo("T1")).isTrue();
        assertThat(new TokenxProperties.FiscalCheck(true, List.of("T9")).appliesTo("T9")).isFalse();
        assertThat(new TokenxProperties.FiscalCheck(false, null).appliesTo("T1")).isFalse();
    }

    private static TokenxBasket.Item item(String name, Integer section, int tax) {
        return new TokenxBasket.Item(name, 1000, section, tax, 1000, null, null);
    }

    private static TokenxBasket basket(TokenxBasket.Item... items) {
        return new TokenxBasket("b-1", null, null, null, null, List.of(items), null, null, null, null, null);
    }
}
