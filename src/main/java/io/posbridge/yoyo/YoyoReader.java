package io.posbridge.yoyo;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.util.stream.Collectors;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/** Reads the JSON body of one kind of Yoyo call into its request record. */
public class YoyoReader implements Processor {

    static final String REQUEST = "yoyoRequest";

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_PROPERTIES)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            // A fraction of a cent is an error, never something to round away.
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .build();

    private final Class<?> type;

    public YoyoReader(Class<?> type) {
        this.type = type;
    }

    @Override
    public void process(Exchange exchange) {
        byte[] body = exchange.getIn().getBody(byte[].class);
        JsonNode tree;
        try {
            tree = body == null || body.length == 0 ? null : JSON.readTree(body);
        } catch (IOException e) {
            tree = null;
        }
        if (tree == null || !tree.isObject()) {
            throw new NotJsonException();
        }
        Object request;
        try {
            request = JSON.treeToValue(tree, type);
        } catch (JsonMappingException e) {
            throw new YoyoRefusal(YoyoResponseCode.MALFORMED_REQUEST, describe(e));
        } catch (JsonProcessingException e) {
            throw new YoyoRefusal(YoyoResponseCode.MALFORMED_REQUEST, "unreadable request");
        }
        exchange.setProperty(REQUEST, request);
        exchange.getIn().setBody(request);
    }

    private static String describe(JsonMappingException e) {
        String field = e.getPath().stream()
                .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                .collect(Collectors.joining("."));
        return field.isEmpty() ? "unreadable request" : field + " has the wrong type or is out of range";
    }

    /** The body is not a JSON object at all: the one case answered with HTTP 400. */
    public static class NotJsonException extends RuntimeException {
        NotJsonException() {
            super("the request body is not a JSON object");
        }
    }
}
