package io.posbridge.tokenx;

import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

/**
 * Sorts the failures of a TokenX call for the routes (which ones to redeliver, refresh the token for, confirm with a
 * GET) and for the circuit breaker (which ones say that TokenX is failing).
 */
@Component("tokenxFailures")
public class TokenxFailures {

    /** Redeliver: TokenX or the network failed. An open breaker is not retried: it would only fail fast again. */
    public boolean worthRetrying(Exchange exchange) {
        return failure(exchange) instanceof TokenxException e && e.kind() == TokenxKind.RETRY;
    }

    /** TokenX refused the access token (401, 0001–0005): drop it and send once more. */
    public boolean tokenRejected(Exchange exchange) {
        return failure(exchange) instanceof TokenxException e && TokenxStatusCodes.isTokenRejected(e.code());
    }

    /** TokenX already has this basket (1007 duplicate, 1102 completed). */
    public boolean alreadyDone(Exchange exchange) {
        return failure(exchange) instanceof TokenxException e && e.kind() == TokenxKind.ALREADY_DONE;
    }

    /**
     * What the circuit breaker counts as a failed call. A refusal of one request (permanent, busy, already done)
     * comes from a TokenX that works, and must not open the breaker for everyone else.
     */
    public static boolean isTokenxFailing(Throwable failure) {
        if (failure instanceof TokenxException e) {
            return e.kind() == TokenxKind.RETRY;
        }
        return true;
    }

    /** onWhen predicates see the exception on the exchange; doCatch ones may see it only as the caught property. */
    private static Throwable failure(Exchange exchange) {
        Throwable failure = exchange.getException();
        return failure != null ? failure : exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
    }
}
