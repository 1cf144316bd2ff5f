package io.posbridge.yoyo;

import io.posbridge.ledger.LedgerRefusal;
import io.posbridge.ops.logging.LogIds;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.transaction.TransactionException;
import org.springframework.stereotype.Component;

/** Turns whatever stopped a Yoyo call into the failure answer Yoyo and the cashier see. */
@Component("yoyoFailureAnswer")
public class YoyoFailureAnswer implements Processor {

    static final String DETAIL = "YoyoFailureDetail";
    private static final Logger LOG = LoggerFactory.getLogger(YoyoFailureAnswer.class);

    @Override
    public void process(Exchange exchange) {
        Exception cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        YoyoResponseCode code;
        if (cause instanceof YoyoRefusal refusal) {
            code = refusal.code();
        } else if (cause instanceof LedgerRefusal refusal) {
            code = YoyoResponseCode.of(refusal.reason());
        } else if (cause instanceof YoyoReader.NotJsonException) {
            code = YoyoResponseCode.MALFORMED_REQUEST;
            exchange.getIn().setHeader(Exchange.HTTP_RESPONSE_CODE, 400);
        } else {
            code = YoyoResponseCode.INTERNAL_ERROR;
            logInternalError(exchange, cause);
        }
        exchange.setProperty(DETAIL, cause == null ? null : cause.getMessage());
        // A malformed request tells Yoyo's integrators what to fix; other texts stay the table's.
        exchange.getIn().setBody(code == YoyoResponseCode.MALFORMED_REQUEST && cause != null
                ? YoyoResponse.of(code).withDescription(code.description() + ": " + cause.getMessage())
                : YoyoResponse.of(code));
    }

    private static void logInternalError(Exchange exchange, Exception cause) {
        try (LogIds ids = YoyoAnswer.logIds(exchange, null)) {
            if (cause instanceof YoyoDeadline.Spent || cause instanceof DataAccessException
                    || cause instanceof TransactionException) {
                // The database is down or slow: nothing was written, and Yoyo may try again.
                LOG.warn("Yoyo call on route {} answered 99 within its deadline: {}", exchange.getFromRouteId(),
                        cause.getMessage());
            } else {
                LOG.error("Yoyo call on route {} failed unexpectedly", exchange.getFromRouteId(), cause);
            }
        }
    }
}
