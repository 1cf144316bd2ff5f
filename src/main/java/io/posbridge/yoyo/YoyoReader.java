package io.posbridge.yoyo;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.posbridge.ops.TextField;
import java.io.IOException;
import java.util.stream.Collectors;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/** Reads the JSON body of one kind of Yoyo call into its request record. */
public class YoyoReader implements Processor {

    static final String REQUEST = "YoyoRequest";
    private static final int MAX_TEXT = 256;
    private static final int MAX_NAME = 64;

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_PROPERTIES)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            // A fraction of a cent is an error, never something to round away.
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            // Anything after the object (a second object, a NUL) makes the request something other than what was read.
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
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
        checkText(tree, "");
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

    /**
     * Every string Yoyo sends is an id, a code or a short name: one that is not plain text (a NUL would only fail in the
     * database, as a "try again" Yoyo would repeat for ever) or longer than {@value #MAX_TEXT} characters is refused
     * here, naming the field, before any of it is used.
     */
    private static void checkText(JsonNode node, String path) {
        if (node.isTextual()) {
            String problem = TextField.problem(node.textValue(), MAX_TEXT);
            if (problem != null) {
                throw new YoyoRefusal(YoyoResponseCode.MALFORMED_REQUEST, path + " " + problem);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                checkText(node.get(i), path + "[" + i + "]");
            }
        } else if (node.isObject()) {
            var fields = node.fields();
            while (fields.hasNext()) {
                var field = fields.next();
                String name = field.getKey();
                String problem = TextField.problem(name, MAX_NAME);
                if (problem != null) {
                    throw new YoyoRefusal(YoyoResponseCode.MALFORMED_REQUEST,
                            "a field name in " + (path.isEmpty() ? "the request" : path) + " " + problem);
                }
                checkText(field.getValue(), path.isEmpty() ? name : path + "." + name);
            }
        }
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
