package io.posbridge.yoyo;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.posbridge.ops.tracing.Traces;
import io.posbridge.ops.logging.LogIds;
import io.posbridge.yoyo.YoyoRequests.Advise;
import io.posbridge.yoyo.YoyoRequests.TokenInfo;
import io.posbridge.yoyo.YoyoRequests.Transaction;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** Writes the answer as JSON and logs one progress line per call (never the credentials), its ids on the call's span. */
@Component("yoyoAnswer")
public class YoyoAnswer implements Processor {

    private static final Logger LOG = LoggerFactory.getLogger(YoyoAnswer.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final YoyoMetrics metrics;

    public YoyoAnswer(YoyoMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public void process(Exchange exchange) throws JsonProcessingException {
        YoyoResponse response = exchange.getIn().getBody(YoyoResponse.class);
        // Read before all headers go: removeHeaders with an exclusion compiles a regular expression per header, "*"
        // alone is one clear().
        Integer status = exchange.getIn().getHeader(Exchange.HTTP_RESPONSE_CODE, 200, Integer.class);
        exchange.getIn().removeHeaders("*");
        exchange.getIn().setHeader(Exchange.CONTENT_TYPE, "application/json");
        exchange.getIn().setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        exchange.getIn().setBody(JSON.writeValueAsString(response));
        metrics.answered(exchange.getFromRouteId(), response.responseCode());
        String detail = exchange.getProperty(YoyoFailureAnswer.DETAIL, String.class);
        markSpan(exchange.getProperty(YoyoReader.REQUEST), response);
        if (!LOG.isInfoEnabled()) {
            return;
        }
        try (LogIds ids = logIds(exchange, response.vspTrxId())) {
            LOG.info("{} {} -> {} {}{}", exchange.getFromRouteId(), describe(exchange.getProperty(YoyoReader.REQUEST)),
                    response.responseCode(), response.responseDesc(),
                    response.vspTrxId() != null ? " vspTrxId=" + response.vspTrxId()
                            : detail != null && !response.responseDesc().endsWith(detail) ? " (" + detail + ")" : "");
        }
    }

    /**
     * The call's wiTrxId and vspTrxId as far as they are known: from the request once it is read (an advise names
     * both), and the vspTrxId posbridge answers with, if any.
     */
    static LogIds logIds(Exchange exchange, String answeredVspTrxId) {
        Object request = exchange.getProperty(YoyoReader.REQUEST);
        if (request instanceof Transaction t) {
            return LogIds.yoyo(t.wiTrxId(), answeredVspTrxId);
        }
        if (request instanceof Advise a && a.originalTrx() != null) {
            return LogIds.yoyo(a.originalTrx().wiTrxId(),
                    answeredVspTrxId != null ? answeredVspTrxId : a.originalTrx().vspTrxId());
        }
        return LogIds.yoyo(null, answeredVspTrxId);
    }

    private static String describe(Object request) {
        if (request instanceof Transaction t) {
            return "wiTrxId=" + t.wiTrxId() + " " + t.type() + " " + t.totalAmount() + " token=" + masked(t.token());
        }
        if (request instanceof Advise a && a.originalTrx() != null) {
            return a.action() + " wiTrxId=" + a.originalTrx().wiTrxId() + " vspTrxId=" + a.originalTrx().vspTrxId();
        }
        if (request instanceof TokenInfo i) {
            return "token=" + masked(i.token());
        }
        return "(unread request)";
    }

    /** The call's span (docs/operations.md#traces) carries Yoyo's transaction id and, once known, ours. */
    private static void markSpan(Object request, YoyoResponse response) {
        if (request instanceof Transaction t) {
            Traces.mark(Traces.WI_TRX_ID, t.wiTrxId());
        } else if (request instanceof Advise a && a.originalTrx() != null) {
            Traces.mark(Traces.WI_TRX_ID, a.originalTrx().wiTrxId());
            Traces.mark(Traces.VSP_TRX_ID, a.originalTrx().vspTrxId());
        }
        Traces.mark(Traces.VSP_TRX_ID, response.vspTrxId());
    }

    /** Token ids spend money; the log shows only their last four characters. */
    private static String masked(YoyoRequests.Token token) {
        if (token == null || token.id() == null) {
            return "none";
        }
        String id = token.id();
        return id.length() <= 4 ? "****" : "****" + id.substring(id.length() - 4);
    }
}
