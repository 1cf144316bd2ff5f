package io.posbridge.sandbox;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.context.annotation.Profile;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/** TokenX's auth service: {@code POST /v1/auth/token} with HTTP Basic client credentials. */
@RestController
@Profile({"sandbox", "tokenx-simulator"})
class SandboxAuthController {

    private final SandboxTokens tokens;

    SandboxAuthController(SandboxTokens tokens) {
        this.tokens = tokens;
    }

    @PostMapping(SandboxPaths.API + "/auth/token")
    ResponseEntity<Map<String, Object>> token(@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false)
            String authorization) {
        SandboxTokens.Issued issued = tokens.issue(authorization);
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("accessToken", issued.accessToken());
        result.put("expiresIn", issued.expiresIn());
        result.put("tokenType", "Bearer");
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", 201);
        body.put("description", "User authenticated successfully.");
        body.put("result", result);
        return ResponseEntity.ok(body);
    }
}
