package io.posbridge.ops.page;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The operator page: a static page, its script and style, and the summary they show; all behind the admin credentials
 * (ops.AdminConfiguration). The page runs no script but its own file and loads nothing from elsewhere, and no answer
 * is kept by a browser or a proxy: it is business data behind a login.
 */
@RestController
@RequestMapping("/ops")
public class OperatorPageController {

    /** Script, style, data and images from posbridge itself only, no inline script, never inside a frame. */
    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; "
            + "img-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    private static final MediaType JAVASCRIPT = MediaType.parseMediaType("text/javascript;charset=UTF-8");
    private static final MediaType CSS = MediaType.parseMediaType("text/css;charset=UTF-8");
    private static final MediaType HTML = MediaType.parseMediaType("text/html;charset=UTF-8");

    private final byte[] page = asset("index.html");
    private final byte[] script = asset("ops.js");
    private final byte[] style = asset("ops.css");
    private final OperatorSummary summary;

    public OperatorPageController(OperatorSummary summary) {
        this.summary = summary;
    }

    @GetMapping({"", "/"})
    public ResponseEntity<byte[]> page() {
        return answer(HTML).body(page);
    }

    @GetMapping("/ops.js")
    public ResponseEntity<byte[]> script() {
        return answer(JAVASCRIPT).body(script);
    }

    @GetMapping("/ops.css")
    public ResponseEntity<byte[]> style() {
        return answer(CSS).body(style);
    }

    @GetMapping("/summary")
    public ResponseEntity<Map<String, Object>> summary() {
        return answer(MediaType.APPLICATION_JSON).body(summary.read());
    }

    private static ResponseEntity.BodyBuilder answer(MediaType type) {
        return ResponseEntity.ok()
                .contentType(type)
                .cacheControl(CacheControl.noStore())
                .header("Content-Security-Policy", CONTENT_SECURITY_POLICY)
                .header("X-Content-Type-Options", "nosniff")
                .header("Referrer-Policy", "no-referrer")
                .header("X-Frame-Options", "DENY")
                .header(HttpHeaders.PRAGMA, "no-cache");
    }

    private static byte[] asset(String name) {
        try (InputStream in = new ClassPathResource("ops-page/" + name).getInputStream()) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("the operator page's " + name + " is missing from the build", e);
        }
    }
}
