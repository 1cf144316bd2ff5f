package io.posbridge.yoyo;

import io.posbridge.ops.CidrMatcher;
import io.posbridge.ops.Secrets;
import io.posbridge.yoyo.YoyoRequests.Authenticated;
import io.posbridge.yoyo.YoyoRequests.Credentials;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.http.common.HttpMessage;
import org.springframework.stereotype.Component;

/** Lets a call through only from an allowed address and with our VSP credentials. */
@Component("yoyoAuthenticate")
public class YoyoAuthenticate implements Processor {

    private final YoyoProperties settings;
    private final CidrMatcher callers;

    public YoyoAuthenticate(YoyoProperties settings) {
        this.settings = settings;
        this.callers = new CidrMatcher(settings.allowedCidrs());
    }

    @Override
    public void process(Exchange exchange) {
        String caller = exchange.getIn() instanceof HttpMessage http ? http.getRequest().getRemoteAddr() : null;
        if (caller == null || !callers.allows(caller)) {
            throw new YoyoRefusal(YoyoResponseCode.CALLER_NOT_ALLOWED, "caller " + caller + " is not in the allowed ranges");
        }
        Credentials given = exchange.getIn().getBody(Authenticated.class).vspCredentials();
        boolean idMatches = Secrets.equal(given == null ? null : given.id(), settings.vspId());
        boolean passwordMatches = Secrets.equal(given == null ? null : given.password(), settings.vspPassword());
        if (!(idMatches & passwordMatches)) {
            throw new YoyoRefusal(YoyoResponseCode.BAD_CREDENTIALS,
                    given == null ? "no vspCredentials" : "vspCredentials do not match");
        }
    }
}
