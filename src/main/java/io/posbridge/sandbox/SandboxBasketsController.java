package io.posbridge.sandbox;

import static io.posbridge.sandbox.SandboxContext.BRANCH_ID;
import static io.posbridge.sandbox.SandboxContext.MERCHANT_ID;
import static io.posbridge.sandbox.SandboxContext.TERMINAL_ID;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.springframework.context.annotation.Profile;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/** TokenX's basket endpoints (docs/tokenx-api-notes.md, "Paths"): create, instant, update, unlock, details, open basket, delete. */
@RestController
@Profile({"sandbox", "tokenx-simulator"})
class SandboxBasketsController {

    private final SimulatedBaskets baskets;
    private final SimulatedDevices devices;
    private final SandboxWebhooks webhooks;

    SandboxBasketsController(SimulatedBaskets baskets, SimulatedDevices devices, SandboxWebhooks webhooks) {
        this.baskets = baskets;
        this.devices = devices;
        this.webhooks = webhooks;
    }

    @PostMapping(SandboxPaths.API + "/basket")
    ResponseEntity<Map<String, Object>> create(@RequestHeader(name = TERMINAL_ID, required = false) String terminalId,
            @RequestHeader(name = BRANCH_ID, required = false) String branchId,
            @RequestHeader(name = MERCHANT_ID, required = false) String merchantId, @RequestBody JsonNode body) {
        return created(SandboxContext.exactlyOne(terminalId, branchId, merchantId), body, false);
    }

    @PostMapping(SandboxPaths.API + "/instant-basket")
    ResponseEntity<Map<String, Object>> instant(@RequestHeader(name = TERMINAL_ID, required = false) String terminalId,
            @RequestHeader(name = BRANCH_ID, required = false) String branchId,
            @RequestHeader(name = MERCHANT_ID, required = false) String merchantId, @RequestBody JsonNode body) {
        return created(SandboxContext.exactlyOne(terminalId, branchId, merchantId), body, true);
    }

    @PutMapping(SandboxPaths.API + "/basket/{basketId}")
    ResponseEntity<Map<String, Object>> update(@PathVariable String basketId,
            @RequestHeader(name = TERMINAL_ID, required = false) String terminalId,
            @RequestHeader(name = BRANCH_ID, required = false) String branchId,
            @RequestHeader(name = MERCHANT_ID, required = false) String merchantId, @RequestBody JsonNode body) {
        SandboxContext context = SandboxContext.exactlyOne(terminalId, branchId, merchantId);
        baskets.update(context, basketId, BasketContent.of(body));
        return SandboxErrors.ok("Basket updated.", baskets.details(basketId));
    }

    @PostMapping(SandboxPaths.API + "/basket/unlock")
    ResponseEntity<Map<String, Object>> unlock(@RequestHeader(name = TERMINAL_ID, required = false) String terminalId,
            @RequestHeader(name = BRANCH_ID, required = false) String branchId,
            @RequestHeader(name = MERCHANT_ID, required = false) String merchantId, @RequestBody JsonNode body) {
        SandboxContext context = SandboxContext.exactlyOne(terminalId, branchId, merchantId);
        String basketId = body.path("basketID").asText("");
        if (basketId.isBlank()) {
            throw TokenxError.wrongFormat("basketID is required");
        }
        SimulatedBaskets.Unlocked unlocked = baskets.unlock(context, basketId);
        webhooks.unlocked(unlocked.terminalId(), basketId);
        devices.pickUp(basketId, unlocked.round());
        return SandboxErrors.ok("Basket unlocked.", baskets.details(basketId));
    }

    @GetMapping(SandboxPaths.API + "/basket/open-basket")
    ResponseEntity<Map<String, Object>> openBasket(@RequestHeader(name = TERMINAL_ID, required = false) String terminalId,
            @RequestHeader(name = BRANCH_ID, required = false) String branchId,
            @RequestHeader(name = MERCHANT_ID, required = false) String merchantId) {
        String terminal = SandboxContext.exactlyOne(terminalId, branchId, merchantId).terminal("the open basket");
        return SandboxErrors.ok("Open basket.", baskets.openBasketOf(terminal));
    }

    @GetMapping(SandboxPaths.API + "/basket/{basketId}")
    ResponseEntity<Map<String, Object>> details(@PathVariable String basketId) {
        return SandboxErrors.ok("Basket details.", baskets.details(basketId));
    }

    @DeleteMapping(SandboxPaths.API + "/basket/{basketId}")
    ResponseEntity<Map<String, Object>> delete(@PathVariable String basketId) {
        baskets.delete(basketId);
        return SandboxErrors.ok("Basket deleted.", Map.of("basketID", basketId));
    }

    private ResponseEntity<Map<String, Object>> created(SandboxContext context, JsonNode body, boolean instant) {
        BasketContent content = BasketContent.of(body);
        int round = baskets.create(context, content, instant);
        devices.pickUp(content.basketId(), round);
        return SandboxErrors.ok("Basket created.", baskets.details(content.basketId()));
    }
}
