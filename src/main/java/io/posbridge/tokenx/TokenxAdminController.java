package io.posbridge.tokenx;

import java.util.Map;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Operators' handle on the client-settings sync: see it, and run it now (after changing the callback settings). */
@RestController
@RequestMapping("/api/tokenx/client-settings")
@ConditionalOnProperty(name = "posbridge.tokenx.enabled", matchIfMissing = true)
public class TokenxAdminController {

    private final TokenxClientSettingsSync sync;

    public TokenxAdminController(TokenxClientSettingsSync sync) {
        this.sync = sync;
    }

    @GetMapping
    public Map<String, Object> status() {
        return sync.status().details();
    }

    /** 200 when TokenX has our callback settings now, 502 when TokenX could not be reached or refused. */
    @PostMapping("/sync")
    public ResponseEntity<Map<String, Object>> syncNow() {
        TokenxClientSettingsSync.Status status = sync.syncNow();
        return ResponseEntity.status(status.state() == TokenxClientSettingsSync.State.IN_SYNC ? 200 : 502).body(status.details());
    }
}
