package io.posbridge.ops;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.function.Function;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * For endpoints that only speak JSON: refuses a body over the limit with 413, and a body that is not
 * well-formed UTF-8 with 400, before any of it reaches a route, whether or not the caller sent a Content-Length.
 * JSON is UTF-8 (RFC 8259), and a lenient decoder would turn an overlong sequence such as C0 AF into '/', so bytes
 * are checked strictly here, once for every JSON surface, rather than repaired later. Every body is presented
 * as JSON whatever Content-Type the caller declared (a form type would make Camel parse the body as form
 * fields, and log it). Bodies within the limit are buffered, which the limit keeps small.
 */
public class JsonBodyFilter extends OncePerRequestFilter {

    private final long maxBytes;
    private final Function<String, String> refusalJson;

    /** @param refusalJson the JSON body of a refusal, in the shape the callers of these paths expect, for a reason */
    public JsonBodyFilter(long maxBytes, Function<String, String> refusalJson) {
        this.maxBytes = maxBytes;
        this.refusalJson = refusalJson;
    }

    /** A filter whose refusals read {@code {"error":"<reason>"}}, as the admin, order and webhook APIs answer. */
    public static JsonBodyFilter answeringError(long maxBytes) {
        return new JsonBodyFilter(maxBytes, reason -> JsonNodeFactory.instance.objectNode().put("error", reason).toString());
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (request.getContentLengthLong() > maxBytes) {
            refuseTooLarge(response);
            return;
        }
        byte[] body = request.getInputStream().readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
        if (body.length > maxBytes) {
            refuseTooLarge(response);
            return;
        }
        if (!isUtf8(body)) {
            refuse(response, HttpServletResponse.SC_BAD_REQUEST, "request body is not valid UTF-8");
            return;
        }
        chain.doFilter(new BufferedBodyRequest(request, body), response);
    }

    static boolean isUtf8(byte[] bytes) {
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    private void refuseTooLarge(HttpServletResponse response) throws IOException {
        // The rest of the body is not read: the connection must not be reused for another request.
        response.setHeader("Connection", "close");
        refuse(response, HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE, "request body larger than " + maxBytes + " bytes");
    }

    private void refuse(HttpServletResponse response, int status, String reason) throws IOException {
        response.setStatus(status);
        response.setContentType("application/json");
        response.getOutputStream().write(refusalJson.apply(reason).getBytes(StandardCharsets.UTF_8));
    }

    private static final class BufferedBodyRequest extends HttpServletRequestWrapper {
        // The body was checked to be UTF-8: say so, or readers fall back to the platform's charset.
        private static final String JSON = "application/json;charset=UTF-8";
        private final byte[] body;

        BufferedBodyRequest(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public String getContentType() {
            return JSON;
        }

        @Override
        public String getCharacterEncoding() {
            return StandardCharsets.UTF_8.name();
        }

        @Override
        public String getHeader(String name) {
            return "Content-Type".equalsIgnoreCase(name) ? JSON : super.getHeader(name);
        }

        @Override
        public Enumeration<String> getHeaders(String name) {
            return "Content-Type".equalsIgnoreCase(name) ? Collections.enumeration(List.of(JSON)) : super.getHeaders(name);
        }

        @Override
        public int getContentLength() {
            return body.length;
        }

        @Override
        public long getContentLengthLong() {
            return body.length;
        }

        @Override
        public ServletInputStream getInputStream() {
            ByteArrayInputStream in = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    return in.read(b, off, len);
                }

                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new UnsupportedOperationException("the body is already buffered");
                }
            };
        }

        @Override
        public BufferedReader getReader() {
            return new BufferedReader(new InputStreamReader(getInputStream(), StandardCharsets.UTF_8));
        }
    }
}
