package io.posbridge.tokenx;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.posbridge.ops.logging.LogText;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.stereotype.Component;

/**
 * The last time TokenX failed, for the operator page: when, the code, and a short message. It listens to the breaker's
 * error events, so it sees exactly the failures the breaker counts (TokenX or the network failing, see
 * TokenxConfiguration), without a step in the routes; refusals of one request are the orders' own reasons. One
 * reference in memory: nothing is stored, nothing survives a restart (the log has the history).
 */
@Component
public class TokenxLastFailure {

    static final int MAX_MESSAGE_LENGTH = 200;

    public record Failure(OffsetDateTime at, String code, String message) {
    }

    private final AtomicReference<Failure> last = new AtomicReference<>();
    private final Clock clock;

    public TokenxLastFailure(CircuitBreaker tokenxCircuitBreaker, Clock clock) {
        this.clock = clock;
        tokenxCircuitBreaker.getEventPublisher().onError(event -> record(event.getThrowable()));
    }

    public Optional<Failure> last() {
        return Optional.ofNullable(last.get());
    }

    void record(Throwable failure) {
        String code = failure instanceof TokenxException e ? e.code() : "UNEXPECTED";
        last.set(new Failure(OffsetDateTime.now(clock), code, messageOf(failure)));
    }

    /**
     * TokenX's own description, escaped and cut. Transport failures get a fixed phrase: their description goes on with
     * the network library's exception, and an answer never names a Java type; nor does an unexpected failure's.
     */
    private static String messageOf(Throwable failure) {
        if (!(failure instanceof TokenxException e)) {
            return "unexpected failure; the log has the details";
        }
        return switch (e.code()) {
            case "TIMEOUT" -> "no answer from TokenX in time";
            case "CONNECTION" -> "cannot reach TokenX";
            default -> LogText.safe(e.description(), MAX_MESSAGE_LENGTH);
        };
    }
}
