package io.posbridge.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.context.annotation.Profile;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** TokenX's client settings: where webhooks go and the Authorization they carry. No context header. */
@RestController
@Profile({"sandbox", "tokenx-simulator"})
class SandboxClientSettingsController {

    private final SandboxClientSettings settings;

    SandboxClientSettingsController(SandboxClientSettings settings) {
        this.settings = settings;
    }

    @GetMapping(SandboxPaths.API + "/client-settings")
    ResponseEntity<Map<String, Object>> read() {
        return SandboxErrors.ok("Client settings.", view(settings.current()));
    }

    @PostMapping(SandboxPaths.API + "/client-settings")
    ResponseEntity<Map<String, Object>> write(@RequestBody JsonNode body) {
        String url = body.path("callbackUrl").asText("");
        if (!url.startsWith("http://") && !url.startsWith("https://")) {
            throw TokenxError.wrongFormat("callbackUrl must be an http(s) URL");
        }
        try {
            URI.create(url).toURL();
        } catch (IllegalArgumentException | java.net.MalformedURLException e) {
            throw TokenxError.wrongFormat("callbackUrl is not a URL");
        }
        JsonNode auth = body.path("callbackAuthHeader");
        settings.register(url, auth.isTextual() ? auth.asText() : null);
        return SandboxErrors.ok("Client settings saved.", view(settings.current()));
    }

    private static Map<String, Object> view(SandboxClientSettings.Registered registered) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("callbackUrl", registered.callbackUrl());
        result.put("callbackAuthHeader", registered.callbackAuthHeader());
        return result;
    }
}
