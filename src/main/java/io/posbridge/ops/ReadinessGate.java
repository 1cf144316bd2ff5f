package io.posbridge.ops;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Until posbridge is ready (its routes started) and again once it is stopping, the paths its routes serve answer 503
 * with Retry-After instead of 404: a till or TokenX that reached a starting replica tries again, rather than taking
 * "no such endpoint" for an answer.
 */
public class ReadinessGate extends OncePerRequestFilter {

    private static final byte[] NOT_READY = JsonNodeFactory.instance.objectNode()
            .put("error", "posbridge is starting or stopping; nothing was done, try again shortly")
            .toString().getBytes(StandardCharsets.UTF_8);

    private final ApplicationAvailability availability;
    private final long retryAfterSeconds;

    public ReadinessGate(ApplicationAvailability availability, PosbridgeProperties settings) {
        this.availability = availability;
        this.retryAfterSeconds = settings.retryAfter().toSeconds();
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (availability.getReadinessState() == ReadinessState.ACCEPTING_TRAFFIC) {
            chain.doFilter(request, response);
            return;
        }
        response.setStatus(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
        response.setHeader("Retry-After", String.valueOf(retryAfterSeconds));
        response.setContentType("application/json");
        response.getOutputStream().write(NOT_READY);
    }
}
