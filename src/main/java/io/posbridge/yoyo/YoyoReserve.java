package io.posbridge.yoyo;

import io.posbridge.ledger.Hold;
import io.posbridge.ledger.Hold.Direction;
import io.posbridge.ledger.Holds;
import io.posbridge.ledger.Holds.Reservation;
import io.posbridge.yoyo.YoyoRequests.StoreTrxDetails;
import io.posbridge.yoyo.YoyoRequests.Transaction;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Objects;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.springframework.stereotype.Component;

/**
 * A transaction request on the ledger: PAYMENT and WITHDRAWAL reserve the total, DEPOSIT promises a
 * credit that only a FINALISE posts. Yoyo's wiTrxId is the hold's key, so a repeat gets the first answer.
 */
@Component("yoyoReserve")
public class YoyoReserve implements Processor {

    private final Holds holds;
    private final YoyoDeadline deadline;
    private final YoyoProperties settings;
    private final Clock clock;

    public YoyoReserve(Holds holds, YoyoDeadline deadline, YoyoProperties settings, Clock clock) {
        this.holds = holds;
        this.deadline = deadline;
        this.settings = settings;
        this.clock = clock;
    }

    @Override
    public void process(Exchange exchange) {
        Transaction t = exchange.getIn().getBody(Transaction.class);
        long cashBack = t.cashBackAmount() == null ? 0 : t.cashBackAmount();
        Direction direction = "DEPOSIT".equals(t.type()) ? Direction.CREDIT : Direction.DEBIT;
        String fingerprint = String.join("|", t.type(), t.token().id(),
                String.valueOf(t.totalAmount()), String.valueOf(t.basketAmount()), String.valueOf(cashBack));
        Reservation reservation = new Reservation(t.wiTrxId(), fingerprint, direction, t.token().id(), t.totalAmount(),
                details(t), store(t.storeTrxDetails()), OffsetDateTime.now(clock).plus(settings.holdTimeout()));
        Hold hold = deadline.within(exchange, () -> holds.reserve(reservation)).hold();
        exchange.getIn().setBody(YoyoResponse.transaction(hold.transferId(), t.totalAmount(), t.basketAmount(), cashBack,
                settings.vspNumber(), settings.vspName()));
    }

    /**
     * The store a hold is reconciled under, as Yoyo names it: storeId wins; otherwise the retailer's own store number
     * within the retailer, "retailerId/remoteStoreId" (YoyoValidate has made sure one of the two is there).
     */
    static String store(StoreTrxDetails s) {
        if (s.storeId() != null && !s.storeId().isBlank()) {
            return s.storeId();
        }
        return s.retailerId() + "/" + s.remoteStoreId();
    }

    /** The retailer's own references, kept on the hold for reconciliation. */
    private static String details(Transaction t) {
        StoreTrxDetails s = t.storeTrxDetails();
        String text = "type=" + t.type() + " storeId=" + s.storeId() + " remoteStoreId=" + s.remoteStoreId()
                + " retailerId=" + s.retailerId() + " basketId=" + s.basketId() + " trxId=" + s.trxId()
                + " posId=" + s.posId() + " cashierId=" + s.cashierId() + " wiVspTrxId=" + Objects.toString(t.wiVspTrxId());
        return text.length() > 2000 ? text.substring(0, 2000) : text;
    }
}
