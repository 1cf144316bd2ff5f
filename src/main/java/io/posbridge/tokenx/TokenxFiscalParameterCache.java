package io.posbridge.tokenx;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.camel.Header;

/**
 * Each terminal's fiscal parameters, kept for {@code posbridge.tokenx.fiscal-cache-ttl}: they change when a
 * terminal is reconfigured, not between baskets. Loaded through {@code direct:tokenx-load-fiscal-parameters}.
 */
public class TokenxFiscalParameterCache {

    private record Entry(TokenxFiscalParameters parameters, Instant loadedAt) {
    }

    private final TokenxInternalCalls calls;
    private final ObjectMapper json;
    private final Clock clock;
    private final Duration ttl;
    private final Map<String, Entry> byTerminal = new ConcurrentHashMap<>();

    public TokenxFiscalParameterCache(TokenxInternalCalls calls, ObjectMapper json, Clock clock, Duration ttl) {
        this.calls = calls;
        this.json = json;
        this.clock = clock;
        this.ttl = ttl;
    }

    public TokenxFiscalParameters forTerminal(@Header(TokenxHeaders.TERMINAL_ID) String terminalId) {
        Entry entry = byTerminal.get(terminalId);
        Instant now = clock.instant();
        if (entry != null && now.isBefore(entry.loadedAt().plus(ttl))) {
            return entry.parameters();
        }
        JsonNode result = calls.request("direct:tokenx-load-fiscal-parameters",
                Map.of(TokenxHeaders.TERMINAL_ID, terminalId), JsonNode.class);
        TokenxFiscalParameters parameters = result == null
                ? new TokenxFiscalParameters(null, null, null, null)
                : json.convertValue(result, TokenxFiscalParameters.class);
        byTerminal.put(terminalId, new Entry(parameters, now));
        return parameters;
    }
}
