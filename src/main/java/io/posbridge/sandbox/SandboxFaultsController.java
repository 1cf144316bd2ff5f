package io.posbridge.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Map;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.context.annotation.Profile;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The fault switches' admin API (posbridge's admin Basic credentials):
 * {@code POST /sandbox/tokenx/faults {"down":true}}, {@code {"delay":"2s"}}, {@code {"failureRate":0.3}};
 * {@code GET} shows them, {@code DELETE} clears them.
 */
@RestController
@Profile({"sandbox", "tokenx-simulator"})
class SandboxFaultsController {

    private final SandboxFaults faults;

    SandboxFaultsController(SandboxFaults faults) {
        this.faults = faults;
    }

    @GetMapping(SandboxPaths.FAULTS)
    Map<String, Object> current() {
        return faults.current().view();
    }

    @PostMapping(SandboxPaths.FAULTS)
    ResponseEntity<Map<String, Object>> set(@RequestBody JsonNode body) {
        try {
            Boolean down = body.has("down") ? body.get("down").asBoolean() : null;
            Duration delay = body.has("delay") ? duration(body.get("delay")) : null;
            Double failureRate = body.has("failureRate") ? body.get("failureRate").asDouble() : null;
            if (down == null && delay == null && failureRate == null) {
                throw new IllegalArgumentException("give down, delay or failureRate");
            }
            return ResponseEntity.ok(faults.set(down, delay, failureRate).view());
        } catch (IllegalArgumentException e) {
            return ResponseEntity.badRequest().body(Map.of("error", e.getMessage()));
        }
    }

    @DeleteMapping(SandboxPaths.FAULTS)
    Map<String, Object> clear() {
        return faults.clear().view();
    }

    /** "2s", "500ms", "PT2S", or a number of milliseconds. */
    private static Duration duration(JsonNode value) {
        if (value.isNumber()) {
            return Duration.ofMillis(value.asLong());
        }
        return DurationStyle.detectAndParse(value.asText());
    }
}
