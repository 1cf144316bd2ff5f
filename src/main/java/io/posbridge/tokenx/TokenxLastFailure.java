package io.posbridge.tokenx;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.posbridge.ops.logging.LogText;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.stereotype.Component;

/**
 * The last TokenX call that failed, for the operator page: when, TokenX's code, and a short message. It listens to
 * the breaker's events, so every call through tokenx-guarded-call is seen without a step in the routes, and keeps one
 * reference: nothing is stored and nothing survives a restart (the log has the history).
 */
@Component
public class TokenxLastFailure {

    static final int MAX_MESSAGE_LENGTH = 200;

    /** One failed call. {@code countsForBreaker}: TokenX itself failed, rather than refusing this one request. */
    public record Failure(OffsetDateTime at, String code, String message, boolean countsForBreaker) {
    }

    private final AtomicReference<Failure> last = new AtomicReference<>();
    private final Clock clock;

    public TokenxLastFailure(CircuitBreaker tokenxCircuitBreaker, Clock clock) {
        this.clock = clock;
        tokenxCircuitBreaker.getEventPublisher()
                .onError(event -> record(event.getThrowable(), true))
                .onIgnoredError(event -> record(event.getThrowable(), false));
    }

    public Optional<Failure> last() {
        return Optional.ofNullable(last.get());
    }

    void record(Throwable failure, boolean countsForBreaker) {
        if (failure instanceof TokenxException e && e.kind() == TokenxKind.ALREADY_DONE) {
            return; // what was asked had happened already: the routes treat it as done, not as a failure
        }
        String code = failure instanceof TokenxException e ? e.code() : "UNEXPECTED";
        last.set(new Failure(OffsetDateTime.now(clock), code, messageOf(failure), countsForBreaker));
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
