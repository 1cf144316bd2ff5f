package io.posbridge.yoyo;

import io.posbridge.ledger.Accounts;
import io.posbridge.ledger.Token;
import io.posbridge.yoyo.YoyoRequests.TokenInfo;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.springframework.stereotype.Component;

/** Whether a token can be used now: known, not blocked, not busy with another transaction. */
@Component("yoyoTokenInfo")
public class YoyoTokenInfo implements Processor {

    private final Accounts accounts;
    private final YoyoDeadline deadline;

    public YoyoTokenInfo(Accounts accounts, YoyoDeadline deadline) {
        this.accounts = accounts;
        this.deadline = deadline;
    }

    @Override
    public void process(Exchange exchange) {
        String tokenId = exchange.getIn().getBody(TokenInfo.class).token().id();
        Token token = deadline.reading(exchange, () -> accounts.token(tokenId))
                .orElseThrow(() -> new YoyoRefusal(YoyoResponseCode.UNKNOWN_TOKEN, "no token " + tokenId));
        if (token.blocked()) {
            throw new YoyoRefusal(YoyoResponseCode.TOKEN_BLOCKED, "token is blocked");
        }
        if (token.openHoldKey() != null) {
            throw new YoyoRefusal(YoyoResponseCode.TOKEN_BUSY, "token is busy with wiTrxId " + token.openHoldKey());
        }
        exchange.getIn().setBody(YoyoResponse.of(YoyoResponseCode.SUCCESS));
    }
}
