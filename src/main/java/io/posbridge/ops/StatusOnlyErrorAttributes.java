package io.posbridge.ops;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.web.error.ErrorAttributeOptions;
import org.springframework.boot.web.servlet.error.DefaultErrorAttributes;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.WebRequest;

/**
 * The error body of the management port (an unknown actuator path, a refused method), where Spring Boot's own error
 * endpoint answers instead of {@link JsonErrors}: the status and its reason, as on the application port, without the
 * timestamp and path Spring Boot would add.
 */
@Component
public class StatusOnlyErrorAttributes extends DefaultErrorAttributes {

    @Override
    public Map<String, Object> getErrorAttributes(WebRequest request, ErrorAttributeOptions options) {
        Map<String, Object> all = super.getErrorAttributes(request, ErrorAttributeOptions.defaults());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", all.get("status"));
        body.put("error", all.get("error"));
        return body;
    }
}
