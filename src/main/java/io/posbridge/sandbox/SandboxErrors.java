package io.posbridge.sandbox;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.context.annotation.Profile;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** Every refusal of the simulator's TokenX endpoints as TokenX writes it: {@code {"status":…,"description":…}}. */
@Profile({"sandbox", "tokenx-simulator"})
@RestControllerAdvice(assignableTypes = {SandboxAuthController.class, SandboxClientSettingsController.class,
        SandboxBasketsController.class, SandboxTerminalsController.class})
class SandboxErrors {

    @ExceptionHandler(TokenxError.class)
    ResponseEntity<Map<String, Object>> refused(TokenxError error) {
        return answer(error);
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<Map<String, Object>> unreadable(HttpMessageNotReadableException e) {
        return answer(TokenxError.wrongFormat("the body is not JSON"));
    }

    static ResponseEntity<Map<String, Object>> answer(TokenxError error) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", error.code());
        body.put("description", error.getMessage());
        return ResponseEntity.status(error.httpStatus()).body(body);
    }

    /** TokenX's success envelope. */
    static Map<String, Object> success(String description, Object result) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", 0);
        body.put("description", description);
        body.put("result", result);
        return body;
    }

    static ResponseEntity<Map<String, Object>> ok(String description, Object result) {
        return ResponseEntity.status(HttpStatus.OK).body(success(description, result));
    }
}
