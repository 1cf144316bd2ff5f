package io.posbridge.sandbox;

import io.posbridge.ledger.Account;
import io.posbridge.ledger.Accounts;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/**
 * The sandbox's demo Yoyo account (posbridge.sandbox.demo.*): opened, credited with its opening balance and given
 * its tokens at start-up. Idempotent: a restart on the same database changes nothing (the credit has a fixed
 * reference), so the balance left by earlier demo runs stays.
 */
@Component
@Profile("sandbox")
@ConditionalOnProperty(name = "posbridge.yoyo.enabled", matchIfMissing = true)
class SandboxDemoAccount implements ApplicationRunner {

    private static final Logger LOG = LoggerFactory.getLogger(SandboxDemoAccount.class);
    static final String OPENING_REFERENCE = "sandbox-opening-balance";

    private final Accounts accounts;
    private final SandboxProperties settings;

    SandboxDemoAccount(Accounts accounts, SandboxProperties settings) {
        this.accounts = accounts;
        this.settings = settings;
    }

    @Override
    public void run(ApplicationArguments args) {
        SandboxProperties.Demo demo = settings.demo();
        accounts.open(demo.accountId(), demo.currency());
        Account account = demo.openingBalance() > 0
                ? accounts.credit(demo.accountId(), demo.openingBalance(), OPENING_REFERENCE)
                : accounts.find(demo.accountId()).orElseThrow();
        demo.tokens().forEach(token -> accounts.issueToken(token, "WICODE", demo.accountId()));
        LOG.info("sandbox: demo Yoyo account {} ({}) has balance {} and available {} cents; WICODE tokens {}",
                account.id(), account.currency(), account.balance(), account.available(), demo.tokens());
    }
}
