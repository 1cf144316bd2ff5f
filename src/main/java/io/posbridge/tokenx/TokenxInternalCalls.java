package io.posbridge.tokenx;

import java.util.Map;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.ProducerTemplate;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Lets the Java pieces (token holder, fiscal-parameter cache, client-settings sync) call the tokenx routes and get
 * back the route's {@link TokenxException} itself rather than Camel's wrapper.
 */
@Component
public class TokenxInternalCalls {

    private final ObjectProvider<ProducerTemplate> producer;

    public TokenxInternalCalls(ObjectProvider<ProducerTemplate> producer) {
        this.producer = producer;
    }

    public <T> T request(String endpoint, Map<String, Object> headers, Class<T> type) {
        try {
            return producer.getObject().requestBodyAndHeaders(endpoint, null, headers, type);
        } catch (CamelExecutionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
    }
}
