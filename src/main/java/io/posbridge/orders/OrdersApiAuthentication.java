package io.posbridge.orders;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.posbridge.ops.Sha256;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The orders API only for tills with a key: {@code Authorization: Bearer <key>} or {@code X-Api-Key: <key>}. Keys
 * are configured as the SHA-256 of each (posbridge.orders.api-keys, one per client, so tills can be rotated one by
 * one) and never stored in clear; a key is random and long, so a plain digest is enough, unlike a password. Anything
 * else is answered 401 before the request reaches a route, so it changes nothing.
 */
public class OrdersApiAuthentication extends OncePerRequestFilter {

    private static final byte[] REFUSAL = JsonNodeFactory.instance.objectNode()
            .put("error", "an API key is required: send Authorization: Bearer <key> or X-Api-Key: <key>")
            .toString().getBytes(StandardCharsets.UTF_8);

    private final List<byte[]> digests;

    /** @param keys client name to the hex SHA-256 of its key */
    public OrdersApiAuthentication(Map<String, String> keys) {
        this.digests = keys.entrySet().stream().map(OrdersApiAuthentication::digest).toList();
    }

    private static byte[] digest(Map.Entry<String, String> key) {
        try {
            byte[] digest = HexFormat.of().parseHex(key.getValue().trim());
            if (digest.length == 32) {
                return digest;
            }
        } catch (IllegalArgumentException notHex) {
            // reported below
        }
        throw new IllegalArgumentException("posbridge.orders.api-keys." + key.getKey()
                + " must be the SHA-256 of the key in hex (64 characters), e.g. from: printf %s \"$KEY\" | sha256sum");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (known(presentedKey(request))) {
            chain.doFilter(request, response);
            return;
        }
        response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
        response.setHeader("WWW-Authenticate", "Bearer realm=\"posbridge orders\"");
        response.setContentType("application/json");
        response.getOutputStream().write(REFUSAL);
    }

    private static String presentedKey(HttpServletRequest request) {
        String authorization = request.getHeader("Authorization");
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return authorization.substring(7).trim();
        }
        return request.getHeader("X-Api-Key");
    }

    /** Compares against every key, whichever matches, so the time taken tells nothing about which keys exist. */
    private boolean known(String key) {
        if (key == null || key.isEmpty()) {
            return false;
        }
        byte[] given = Sha256.of(key);
        boolean found = false;
        for (byte[] digest : digests) {
            found |= MessageDigest.isEqual(given, digest);
        }
        return found;
    }
}
