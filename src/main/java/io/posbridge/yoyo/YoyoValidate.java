package io.posbridge.yoyo;

import static io.posbridge.yoyo.YoyoResponseCode.AMOUNTS_INCONSISTENT;
import static io.posbridge.yoyo.YoyoResponseCode.CASHBACK_NOT_ALLOWED;
import static io.posbridge.yoyo.YoyoResponseCode.MALFORMED_REQUEST;

import io.posbridge.yoyo.YoyoRequests.Advise;
import io.posbridge.yoyo.YoyoRequests.StoreTrxDetails;
import io.posbridge.yoyo.YoyoRequests.Token;
import io.posbridge.yoyo.YoyoRequests.TokenInfo;
import io.posbridge.yoyo.YoyoRequests.Transaction;
import java.util.Set;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.springframework.stereotype.Component;

/** Checks a Yoyo call against the rules of its kind before anything touches the ledger. */
@Component("yoyoValidate")
public class YoyoValidate implements Processor {

    static final Set<String> TRANSACTION_TYPES = Set.of("PAYMENT", "DEPOSIT", "WITHDRAWAL");
    private static final Set<String> ACTIONS = Set.of("FINALISE", "REVERSE");
    private static final int MAX_ID_LENGTH = 64;

    private final long maxAmount;

    public YoyoValidate(YoyoProperties settings) {
        this.maxAmount = settings.maxAmount();
    }

    @Override
    public void process(Exchange exchange) {
        Object request = exchange.getIn().getBody();
        if (request instanceof Transaction transaction) {
            check(transaction);
        } else if (request instanceof Advise advise) {
            check(advise);
        } else if (request instanceof TokenInfo tokenInfo) {
            check(tokenInfo.token());
            if (tokenInfo.type() != null && !TRANSACTION_TYPES.contains(tokenInfo.type())) {
                throw malformed("type must be PAYMENT, DEPOSIT or WITHDRAWAL");
            }
        } else {
            throw new IllegalStateException("no Yoyo request to validate: " + request);
        }
    }

    private void check(Transaction t) {
        requireId("wiTrxId", t.wiTrxId());
        check(t.token());
        if (t.type() == null || !TRANSACTION_TYPES.contains(t.type())) {
            throw malformed("type must be PAYMENT, DEPOSIT or WITHDRAWAL");
        }
        check(t.storeTrxDetails());
        long total = amount("totalAmount", t.totalAmount());
        long basket = amount("basketAmount", t.basketAmount());
        long cashBack = t.cashBackAmount() == null ? 0 : amount("cashBackAmount", t.cashBackAmount());
        if (cashBack > 0 && !"PAYMENT".equals(t.type())) {
            throw new YoyoRefusal(CASHBACK_NOT_ALLOWED, "cash back on a " + t.type());
        }
        if (total != basket + cashBack) {
            throw new YoyoRefusal(AMOUNTS_INCONSISTENT,
                    "totalAmount " + total + " is not basketAmount " + basket + " + cashBackAmount " + cashBack);
        }
    }

    private void check(Advise a) {
        if (a.action() == null || !ACTIONS.contains(a.action())) {
            throw malformed("action must be FINALISE or REVERSE");
        }
        if (a.originalTrx() == null) {
            throw malformed("originalTrx is missing");
        }
        if (isBlank(a.originalTrx().wiTrxId()) && isBlank(a.originalTrx().vspTrxId())) {
            throw malformed("originalTrx needs wiTrxId or vspTrxId");
        }
        if (!isBlank(a.originalTrx().wiTrxId())) {
            requireId("originalTrx.wiTrxId", a.originalTrx().wiTrxId());
        }
        if (a.originalTrx().totalAmountProcessed() != null) {
            amount("originalTrx.totalAmountProcessed", a.originalTrx().totalAmountProcessed());
        }
    }

    private static void check(Token token) {
        if (token == null) {
            throw malformed("token is missing");
        }
        requireId("token.id", token.id());
        if (token.type() != null && !io.posbridge.ledger.Token.TYPES.contains(token.type())) {
            throw malformed("token.type must be WICODE, WIQR or BIN");
        }
    }

    private static void check(StoreTrxDetails store) {
        boolean identified = store != null
                && (!isBlank(store.storeId()) || (!isBlank(store.remoteStoreId()) && !isBlank(store.retailerId())));
        if (!identified) {
            throw malformed("storeTrxDetails needs storeId, or remoteStoreId with retailerId");
        }
    }

    private long amount(String field, Long value) {
        if (value == null) {
            throw malformed(field + " is missing");
        }
        if (value < 0 || value > maxAmount) {
            throw malformed(field + " must be between 0 and " + maxAmount + " cents");
        }
        return value;
    }

    private static void requireId(String field, String value) {
        if (isBlank(value)) {
            throw malformed(field + " is missing");
        }
        if (value.length() > MAX_ID_LENGTH) {
            throw malformed(field + " is longer than " + MAX_ID_LENGTH + " characters");
        }
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }

    private static YoyoRefusal malformed(String detail) {
        return new YoyoRefusal(MALFORMED_REQUEST, detail);
    }
}
