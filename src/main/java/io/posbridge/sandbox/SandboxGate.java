package io.posbridge.sandbox;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * In front of every simulated TokenX call: the fault switches first, then the access token (every call but the
 * token request itself needs a live Bearer token). A refusal is a {@link TokenxError}, written by {@link SandboxErrors}.
 */
class SandboxGate implements HandlerInterceptor {

    private static final String TOKEN_PATH = SandboxPaths.API + "/auth/token";

    private final SandboxFaults faults;
    private final SandboxTokens tokens;

    SandboxGate(SandboxFaults faults, SandboxTokens tokens) {
        this.faults = faults;
        this.tokens = tokens;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        faults.apply();
        if (!TOKEN_PATH.equals(request.getRequestURI())) {
            tokens.check(request.getHeader(HttpHeaders.AUTHORIZATION));
        }
        return true;
    }
}
