package io.posbridge.orders;

import io.posbridge.ops.Sha256;
import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.posbridge.tokenx.TokenxBasket;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

/**
 * Reads an order from whichever intake brought it: decodes and parses the JSON, maps it to its basket and
 * fingerprints it. Leaves an {@link IncomingOrder} as the body; refuses with every problem listed.
 */
@Component("orderReader")
public class OrderReader {

    /** The header intake routes set to say where an order came from: FILE, QUEUE or HTTP. */
    public static final String SOURCE = "PosbridgeOrderSource";

    /**
     * Bounds on what the parser takes at all, set well above any real order: an order is four levels deep
     * (order, lines, line, discount), its longest texts are notes, and its numbers are a few digits.
     */
    static final StreamReadConstraints LIMITS = StreamReadConstraints.builder()
            .maxNestingDepth(32)
            .maxStringLength(64 * 1024)
            .maxNumberLength(64)
            .build();

    private static final ObjectMapper JSON = JsonMapper.builder(JsonFactory.builder().streamReadConstraints(LIMITS).build())
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            // A number where a decimal string is expected keeps every digit the till wrote: never a double.
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
            .build();

    private final BasketMapper mapper;

    public OrderReader(BasketMapper mapper) {
        this.mapper = mapper;
    }

    /** An order ready to store: what came in, its basket, and a fingerprint of its content. */
    public record IncomingOrder(PosOrder order, TokenxBasket basket, String basketJson, String fingerprint,
            String source) {
    }

    public void read(Exchange exchange) {
        byte[] body = exchange.getIn().getBody(byte[].class);
        PosOrder order = parse(body);
        TokenxBasket basket = mapper.map(order);
        try {
            // Fingerprint the order as parsed, so whitespace or key order in the file does not count as a change.
            String canonical = JSON.writeValueAsString(order);
            exchange.getIn().setBody(new IncomingOrder(order, basket, JSON.writeValueAsString(basket), Sha256.hex(canonical),
                    exchange.getIn().getHeader(SOURCE, "HTTP", String.class)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an order that was just read could not be written back", e);
        }
    }

    /**
     * The order in {@code body}, read in two steps so each problem is told in the order's terms: is it JSON
     * (syntax, limits), and does each field hold the kind of value it should.
     */
    static PosOrder parse(byte[] body) {
        if (body == null || body.length == 0) {
            throw new OrderRefused(List.of("the order is empty"));
        }
        String text = utf8(body);
        JsonNode tree;
        try {
            tree = JSON.readTree(text);
        } catch (JacksonException e) {
            throw new OrderRefused(List.of(OrderJsonProblems.notJson(e)));
        }
        if (tree == null || !tree.isObject()) {
            throw new OrderRefused(List.of("the order is not a JSON object"));
        }
        try {
            return JSON.treeToValue(tree, PosOrder.class);
        } catch (JacksonException e) {
            throw new OrderRefused(List.of(OrderJsonProblems.wrongKind(e)));
        }
    }

    /**
     * The body as UTF-8, decoded strictly: malformed bytes (another encoding, compressed data, overlong forms)
     * are refused, never replaced, so what is stored is what the till sent. A leading byte order mark, which
     * some Windows tools write, is dropped.
     */
    private static String utf8(byte[] body) {
        ByteBuffer bytes = ByteBuffer.wrap(body);
        try {
            String text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .decode(bytes).toString();
            return text.startsWith("\uFEFF") ? text.substring(1) : text;
        } catch (CharacterCodingException e) {
            throw new OrderRefused(List.of("the order is not valid UTF-8 (bad bytes at offset " + bytes.position() + ")"));
        }
    }
}
