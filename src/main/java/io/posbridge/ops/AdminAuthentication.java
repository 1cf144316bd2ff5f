package io.posbridge.ops;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.springframework.web.servlet.HandlerInterceptor;

/** HTTP Basic in front of the admin API; a wrong or missing password gets 401 and reaches nothing. */
public class AdminAuthentication implements HandlerInterceptor {

    private final AdminProperties settings;

    public AdminAuthentication(AdminProperties settings) {
        this.settings = settings;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) throws IOException {
        if (authorised(request.getHeader("Authorization"))) {
            return true;
        }
        response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
        response.setHeader("WWW-Authenticate", "Basic realm=\"posbridge admin\"");
        response.setContentType("application/json");
        new ObjectMapper().writeValue(response.getOutputStream(), Map.of("error", "admin credentials required"));
        return false;
    }

    private boolean authorised(String header) {
        if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
            return false;
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return false;
        }
        int colon = decoded.indexOf(':');
        if (colon < 0) {
            return false;
        }
        boolean user = Secrets.equal(decoded.substring(0, colon), settings.username());
        boolean password = Secrets.equal(decoded.substring(colon + 1), settings.password());
        return user & password;
    }
}
