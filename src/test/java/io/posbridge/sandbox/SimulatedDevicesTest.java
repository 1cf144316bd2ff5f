package io.posbridge.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The devices' outcome rates and the sale a completed basket reports, without Spring or timers. */
class SimulatedDevicesTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static SandboxProperties settings(double cancelled, double voided) {
        return new SandboxProperties("c", "s", Duration.ofSeconds(900), Duration.ofSeconds(1), Duration.ofSeconds(2),
                cancelled, voided, "M", 0, List.of(new SandboxProperties.Terminal("T1", "B1", null,
                        List.of(new SandboxProperties.Section(1, "Food", 1000)))),
                new SandboxProperties.Demo("demo-1", "ZAR", 0, null));
    }

    private static SimulatedDevices devices(SandboxProperties settings, double roll) {
        return new SimulatedDevices(null, null, settings, null, () -> roll);
    }

    @Test
    void outcomesFollowTheConfiguredRates() {
        SandboxProperties settings = settings(0.2, 0.1);
        assertThat(devices(settings, 0.0).outcome()).isEqualTo(-1);
        assertThat(devices(settings, 0.19).outcome()).isEqualTo(-1);
        assertThat(devices(settings, 0.2).outcome()).isEqualTo(99);
        assertThat(devices(settings, 0.29).outcome()).isEqualTo(99);
        assertThat(devices(settings, 0.31).outcome()).isZero();
        assertThat(devices(settings(0, 0), 0.0).outcome()).isZero();
    }

    @Test
    void aCompletedBasketReportsItsSaleAndCanChangeNoMore() throws Exception {
        SimulatedBaskets baskets = new SimulatedBaskets(settings(0, 0));
        BasketContent content = BasketContent.of(JSON.readTree("""
                {"basketID":"b-1","items":[{"name":"Cheese","price":48000,"sectionNo":1,"taxPercent":1000,"quantity":250,
                  "adjust":{"description":"-1","discountOrSurcharge":0,"type":0,"value":100}}],
                 "adjust":{"description":"+1","discountOrSurcharge":1,"type":0,"value":100},
                 "paymentItems":[{"type":1,"amount":5000},{"type":3,"amount":7000}]}"""));
        assertThat(content.itemsTotal()).isEqualTo(12000);
        SandboxContext terminal = new SandboxContext(SandboxContext.TERMINAL_ID, "T1");
        int round = baskets.create(terminal, content, false);
        assertThat(baskets.complete("b-1", round, 0)).as("not locked yet").isEmpty();
        assertThat(baskets.lock("b-1", round).terminalId()).isEqualTo("T1");

        var done = baskets.complete("b-1", round, 0).orElseThrow();
        assertThat(done.sale().path("status").asInt()).isZero();
        assertThat(done.sale().path("receiptNo").asInt()).isEqualTo(1);
        assertThat(done.sale().path("paymentCount").asInt()).isEqualTo(2);
        assertThat(done.sale().path("paymentItems").findValuesAsText("amount")).containsExactly("5000", "7000");
        assertThatThrownBy(() -> baskets.delete("b-1")).isInstanceOfSatisfying(TokenxError.class,
                e -> assertThat(e.code()).isEqualTo(1102));
    }

    @Test
    void aCancelledSaleHasNoPaymentsAndAnUnlockedBasketIgnoresItsOldRound() throws Exception {
        SimulatedBaskets baskets = new SimulatedBaskets(settings(0, 0));
        SandboxContext branch = new SandboxContext(SandboxContext.BRANCH_ID, "B1");
        int round = baskets.create(branch, BasketContent.of(JSON.readTree(
                "{\"basketID\":\"b-2\",\"items\":[{\"name\":\"Tea\",\"price\":2000,\"taxPercent\":1000,\"quantity\":1000}]}")), false);
        assertThat(baskets.lock("b-2", round).terminalId()).as("the branch's free terminal").isEqualTo("T1");
        SimulatedBaskets.Unlocked unlocked = baskets.unlock(branch, "b-2");
        assertThat(unlocked.terminalId()).isEqualTo("T1");
        assertThat(baskets.complete("b-2", round, 0)).as("a step of the round before the unlock").isEmpty();

        assertThat(baskets.lock("b-2", unlocked.round()).done()).isTrue();
        var cancelled = baskets.complete("b-2", unlocked.round(), -1).orElseThrow();
        assertThat(cancelled.sale().path("status").asInt()).isEqualTo(-1);
        assertThat(cancelled.sale().path("paymentItems")).isEmpty();
    }
}
