package io.posbridge.yoyo;

import io.posbridge.ledger.Hold;
import io.posbridge.ledger.Holds;
import io.posbridge.yoyo.YoyoRequests.Advise;
import io.posbridge.yoyo.YoyoRequests.OriginalTransaction;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.springframework.stereotype.Component;

/** An advise on the ledger: FINALISE posts the hold (all of it, or the smaller amount processed), REVERSE releases it. */
@Component("yoyoAdvise")
public class YoyoAdvise implements Processor {

    private final Holds holds;

    public YoyoAdvise(Holds holds) {
        this.holds = holds;
    }

    @Override
    public void process(Exchange exchange) {
        Advise advise = exchange.getIn().getBody(Advise.class);
        String holdKey = holdKeyOf(advise.originalTrx());
        if ("FINALISE".equals(advise.action())) {
            holds.post(holdKey, advise.originalTrx().totalAmountProcessed());
        } else {
            holds.reverse(holdKey);
        }
        exchange.getIn().setBody(YoyoResponse.of(YoyoResponseCode.SUCCESS));
    }

    /** Yoyo's wiTrxId is the key; our vspTrxId finds the hold when it is all Yoyo sends, and must agree when both come. */
    private String holdKeyOf(OriginalTransaction original) {
        boolean hasWiTrxId = original.wiTrxId() != null && !original.wiTrxId().isBlank();
        boolean hasVspTrxId = original.vspTrxId() != null && !original.vspTrxId().isBlank();
        Hold hold = (hasWiTrxId ? holds.find(original.wiTrxId()) : holds.findByTransferId(original.vspTrxId()))
                .orElseThrow(() -> new YoyoRefusal(YoyoResponseCode.UNKNOWN_TRANSACTION, "no transaction "
                        + (hasWiTrxId ? "wiTrxId " + original.wiTrxId() : "vspTrxId " + original.vspTrxId())));
        if (hasWiTrxId && hasVspTrxId && !hold.transferId().equals(original.vspTrxId())) {
            throw new YoyoRefusal(YoyoResponseCode.UNKNOWN_TRANSACTION,
                    "vspTrxId " + original.vspTrxId() + " does not belong to wiTrxId " + original.wiTrxId());
        }
        return hold.holdKey();
    }
}
