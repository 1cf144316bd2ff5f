package io.posbridge.yoyo;

import io.posbridge.ledger.Holds;
import io.posbridge.ledger.Holds.HoldRef;
import io.posbridge.yoyo.YoyoRequests.Advise;
import io.posbridge.yoyo.YoyoRequests.OriginalTransaction;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.springframework.stereotype.Component;

/** An advise on the ledger: FINALISE posts the hold (all of it, or the smaller amount processed), REVERSE releases it. */
@Component("yoyoAdvise")
public class YoyoAdvise implements Processor {

    private final Holds holds;
    private final YoyoDeadline deadline;

    public YoyoAdvise(Holds holds, YoyoDeadline deadline) {
        this.holds = holds;
        this.deadline = deadline;
    }

    @Override
    public void process(Exchange exchange) {
        Advise advise = exchange.getIn().getBody(Advise.class);
        HoldRef hold = holdOf(advise.originalTrx());
        deadline.within(exchange, () -> "FINALISE".equals(advise.action())
                ? holds.post(hold, advise.originalTrx().totalAmountProcessed())
                : holds.reverse(hold));
        exchange.getIn().setBody(YoyoResponse.of(YoyoResponseCode.SUCCESS));
    }

    /** Yoyo's wiTrxId is the hold's key; our vspTrxId finds the hold alone, and must agree when both come. */
    private static HoldRef holdOf(OriginalTransaction original) {
        return new HoldRef(blankToNull(original.wiTrxId()), blankToNull(original.vspTrxId()));
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
