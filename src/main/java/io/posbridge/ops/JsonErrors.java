package io.posbridge.ops;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.web.servlet.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Every error answer Spring gives (an unknown path, a refused method, an exception in a controller): the status and
 * its reason as a small JSON body, whatever the client accepts, and nothing else, no exception, message, trace or
 * path. It takes the place of Spring Boot's BasicErrorController, which shows browsers an HTML page and answers a
 * request for /error itself with 500; here that request is what it is, a path nobody serves: 404.
 */
@RestController
public class JsonErrors implements ErrorController {

    @RequestMapping("${server.error.path:/error}")
    public ResponseEntity<Map<String, Object>> error(HttpServletRequest request) {
        // Set by the servlet container on an error dispatch only.
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        int status = code instanceof Integer given ? given : HttpStatus.NOT_FOUND.value();
        HttpStatus known = HttpStatus.resolve(status);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", status);
        body.put("error", known == null ? "Error" : known.getReasonPhrase());
        // A fixed type skips content negotiation, which would otherwise fail for clients that accept only HTML.
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON).body(body);
    }
}
