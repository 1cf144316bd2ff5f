package io.posbridge.sandbox;

import static io.posbridge.sandbox.SandboxContext.BRANCH_ID;
import static io.posbridge.sandbox.SandboxContext.MERCHANT_ID;
import static io.posbridge.sandbox.SandboxContext.TERMINAL_ID;

import io.posbridge.sandbox.SandboxProperties.Terminal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.context.annotation.Profile;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/** The simulated terminals (posbridge.sandbox.terminals) and their fiscal parameters. */
@RestController
@Profile({"sandbox", "tokenx-simulator"})
class SandboxTerminalsController {

    /** Turkish lira, ISO 4217 number 949: the one currency every simulated device takes. */
    private static final List<Map<String, Object>> CURRENCIES = List.of(Map.of("id", 949, "name", "TRY", "rate", 1.0));

    private final SandboxProperties settings;
    private final SimulatedBaskets baskets;

    SandboxTerminalsController(SandboxProperties settings, SimulatedBaskets baskets) {
        this.settings = settings;
        this.baskets = baskets;
    }

    @GetMapping(SandboxPaths.API + "/terminal")
    ResponseEntity<Map<String, Object>> terminals(@RequestHeader(name = TERMINAL_ID, required = false) String terminalId,
            @RequestHeader(name = BRANCH_ID, required = false) String branchId,
            @RequestHeader(name = MERCHANT_ID, required = false) String merchantId) {
        SandboxContext context = SandboxContext.exactlyOne(terminalId, branchId, merchantId);
        List<Terminal> found;
        if (context.isTerminal()) {
            found = List.of(baskets.terminal(context.value()));
        } else if (context.isBranch()) {
            found = settings.branch(context.value());
        } else {
            found = settings.merchantId().equals(context.value()) ? settings.terminals() : List.of();
        }
        if (found.isEmpty()) {
            throw TokenxError.noRecord("no terminals for " + context.header() + " " + context.value());
        }
        return SandboxErrors.ok("Terminals.", found.stream().map(this::view).toList());
    }

    @GetMapping(SandboxPaths.API + "/terminal/{id}")
    ResponseEntity<Map<String, Object>> terminal(@PathVariable String id,
            @RequestHeader(name = TERMINAL_ID, required = false) String terminalId,
            @RequestHeader(name = BRANCH_ID, required = false) String branchId,
            @RequestHeader(name = MERCHANT_ID, required = false) String merchantId) {
        String header = SandboxContext.exactlyOne(terminalId, branchId, merchantId).terminal("a terminal");
        if (!header.equals(id)) {
            throw TokenxError.forbidden("terminal-id " + header + " may not read terminal " + id);
        }
        return SandboxErrors.ok("Terminal.", view(baskets.terminal(id)));
    }

    @GetMapping(SandboxPaths.API + "/fiscal-parameters")
    ResponseEntity<Map<String, Object>> fiscalParameters(
            @RequestHeader(name = TERMINAL_ID, required = false) String terminalId,
            @RequestHeader(name = BRANCH_ID, required = false) String branchId,
            @RequestHeader(name = MERCHANT_ID, required = false) String merchantId) {
        Terminal terminal = baskets.terminal(SandboxContext.exactlyOne(terminalId, branchId, merchantId)
                .terminal("fiscal parameters"));
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("sections", terminal.sections().stream().map(s -> {
            Map<String, Object> section = new LinkedHashMap<>();
            section.put("sectionNo", s.sectionNo());
            section.put("name", s.name());
            section.put("taxPercent", s.taxPercent());
            section.put("price", 0);
            section.put("limit", 0);
            section.put("status", 1);
            section.put("type", 0);
            return section;
        }).toList());
        result.put("receiptLimit", settings.receiptLimit());
        result.put("currencies", CURRENCIES);
        result.put("terminal", view(terminal));
        return SandboxErrors.ok("Fiscal parameters.", result);
    }

    private Map<String, Object> view(Terminal terminal) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("terminalId", terminal.id());
        view.put("branchId", terminal.branchId());
        view.put("merchantId", settings.merchantId());
        view.put("mode", terminal.mode().name());
        view.put("openBasketID", baskets.openBasketIdOf(terminal.id()).orElse(null));
        return view;
    }
}
