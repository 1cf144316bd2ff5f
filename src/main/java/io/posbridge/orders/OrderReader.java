package io.posbridge.orders;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.core.JsonProcessingException;
import io.posbridge.tokenx.TokenxBasket;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

/**
 * Reads an order from whichever intake brought it: parses the JSON, maps it to its basket and
 * fingerprints it. Leaves an {@link IncomingOrder} as the body; refuses with every problem listed.
 */
@Component("orderReader")
public class OrderReader {

    /** The header intake routes set to say where an order came from: FILE, QUEUE or HTTP. */
    public static final String SOURCE = "PosbridgeOrderSource";

    private static final ObjectMapper JSON = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
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
            exchange.getIn().setBody(new IncomingOrder(order, basket, JSON.writeValueAsString(basket), sha256(canonical),
                    exchange.getIn().getHeader(SOURCE, "HTTP", String.class)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an order that was just read could not be written back", e);
        }
    }

    static PosOrder parse(byte[] body) {
        if (body == null || body.length == 0) {
            throw new OrderRefused(List.of("the order is empty"));
        }
        try {
            PosOrder order = JSON.readValue(body, PosOrder.class);
            if (order == null) {
                throw new OrderRefused(List.of("the order is not a JSON object"));
            }
            return order;
        } catch (JsonMappingException e) {
            String field = e.getPath().stream()
                    .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                    .collect(Collectors.joining(".")).replace(".[", "[");
            throw new OrderRefused(List.of(field.isEmpty() ? "the order is not a JSON object"
                    : field + ": has the wrong type (" + e.getOriginalMessage().split("\n")[0] + ")"));
        } catch (IOException e) {
            throw new OrderRefused(List.of("the order is not valid JSON: " + e.getMessage().split("\n")[0]));
        }
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }
}
