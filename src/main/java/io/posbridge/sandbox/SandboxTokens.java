package io.posbridge.sandbox;

import io.posbridge.ops.Secrets;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.http.HttpStatus;

/**
 * The simulator's access tokens: issued for the configured client's HTTP Basic credentials, valid for
 * posbridge.sandbox.token-lifetime by the application's clock, then refused with 0002 like TokenX's expired JWTs.
 */
public class SandboxTokens {

    public record Issued(String accessToken, long expiresIn) {
    }

    private final SandboxProperties settings;
    private final Clock clock;
    private final Map<String, Instant> expiries = new ConcurrentHashMap<>();

    public SandboxTokens(SandboxProperties settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
    }

    /** Issues a token for {@code Authorization: Basic client-id:client-secret}. */
    public Issued issue(String authorization) {
        String[] credentials = basic(authorization);
        boolean id = Secrets.equal(credentials[0], settings.clientId());
        boolean secret = Secrets.equal(credentials[1], settings.clientSecret());
        if (!(id & secret)) {
            throw new TokenxError(HttpStatus.UNAUTHORIZED, 11, "Forbidden access: unknown client-id or wrong client-secret.");
        }
        Instant now = clock.instant();
        expiries.values().removeIf(expiry -> !now.isBefore(expiry));
        String token = "sandbox." + UUID.randomUUID();
        expiries.put(token, now.plus(settings.tokenLifetime()));
        return new Issued(token, settings.tokenLifetime().toSeconds());
    }

    /** Lets a call through only with a live {@code Authorization: Bearer} token: 0004, 0003 or 0002 otherwise. */
    public void check(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)
                || authorization.substring(7).isBlank()) {
            throw TokenxError.authorizationMissing();
        }
        Instant expiry = expiries.get(authorization.substring(7).strip());
        if (expiry == null) {
            throw TokenxError.tokenInvalid();
        }
        if (!clock.instant().isBefore(expiry)) {
            throw TokenxError.tokenExpired();
        }
    }

    private static String[] basic(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            throw TokenxError.authorizationMissing();
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(authorization.substring(6).strip()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw TokenxError.authorizationMissing();
        }
        int colon = decoded.indexOf(':');
        if (colon < 0) {
            throw TokenxError.authorizationMissing();
        }
        return new String[] {decoded.substring(0, colon), decoded.substring(colon + 1)};
    }
}
