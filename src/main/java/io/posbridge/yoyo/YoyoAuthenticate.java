package io.posbridge.yoyo;

import io.posbridge.ops.CidrMatcher;
import io.posbridge.ops.Secrets;
import io.posbridge.yoyo.YoyoProperties.CredentialsMode;
import io.posbridge.yoyo.YoyoRequests.Advise;
import io.posbridge.yoyo.YoyoRequests.Authenticated;
import io.posbridge.yoyo.YoyoRequests.Credentials;
import io.posbridge.yoyo.YoyoRequests.TokenInfo;
import io.posbridge.yoyo.YoyoRequests.Transaction;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.http.common.HttpMessage;
import org.springframework.stereotype.Component;

/**
 * Lets a call through only from an allowed address (else code 3) and with our VSP credentials (else code 2).
 * Credentials that are sent must always be right. A call whose posbridge.yoyo.credentials setting is if-present
 * may leave them out, but then its address is all that vouches for it: it is let through only when allowed-cidrs
 * is configured (the caller was checked against it first). With no ranges, anyone on the internet could finalise
 * or reverse holds, so such a call is refused as if its credentials were required.
 */
@Component("yoyoAuthenticate")
public class YoyoAuthenticate implements Processor {

    private final YoyoProperties settings;
    private final CidrMatcher callers;
    private final Secrets.Expected vspId;
    private final Secrets.Expected vspPassword;

    public YoyoAuthenticate(YoyoProperties settings) {
        this.settings = settings;
        this.callers = new CidrMatcher(settings.allowedCidrs());
        this.vspId = Secrets.expected(settings.vspId());
        this.vspPassword = Secrets.expected(settings.vspPassword());
    }

    @Override
    public void process(Exchange exchange) {
        String caller = exchange.getIn() instanceof HttpMessage http ? http.getRequest().getRemoteAddr() : null;
        check(caller, exchange.getIn().getBody(Authenticated.class));
    }

    /** Returns when the call may go on, throws its refusal otherwise. */
    void check(String caller, Authenticated request) {
        if (caller == null || !callers.allows(caller)) {
            throw new YoyoRefusal(YoyoResponseCode.CALLER_NOT_ALLOWED, "caller " + caller + " is not in the allowed ranges");
        }
        Credentials given = request.vspCredentials();
        if (given == null) {
            if (theAddressVouchesFor(request)) {
                return;
            }
            throw new YoyoRefusal(YoyoResponseCode.BAD_CREDENTIALS, "no vspCredentials");
        }
        boolean idMatches = vspId.matches(given.id());
        boolean passwordMatches = vspPassword.matches(given.password());
        if (!(idMatches & passwordMatches)) {
            throw new YoyoRefusal(YoyoResponseCode.BAD_CREDENTIALS, "vspCredentials do not match");
        }
    }

    /** The caller is inside allowed-cidrs here; that counts only when there are ranges and the call allows it. */
    private boolean theAddressVouchesFor(Authenticated request) {
        return !settings.allowedCidrs().isEmpty() && modeOf(request) == CredentialsMode.IF_PRESENT;
    }

    /** Each route reads its body into its own record, so the record says which call this is. */
    private CredentialsMode modeOf(Authenticated request) {
        if (request instanceof Transaction) {
            return settings.credentials().transaction();
        }
        if (request instanceof Advise) {
            return settings.credentials().advise();
        }
        if (request instanceof TokenInfo) {
            return settings.credentials().tokenInfo();
        }
        throw new IllegalStateException("no posbridge.yoyo.credentials setting for " + request.getClass().getSimpleName());
    }
}
