package io.posbridge.ledger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.posbridge.ops.metrics.AfterCommit;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The ledger's hold counters (docs/metrics.md): holds created, finalised, reversed and expired, and their amounts in
 * cents, by currency and direction. Counted once the transaction commits, so a refused or rolled-back call counts
 * nothing.
 */
@Component
public class HoldMetrics {

    /** What happened to a hold. */
    public enum Event {
        CREATED, FINALISED, REVERSED, EXPIRED;

        String label() {
            return name().toLowerCase();
        }
    }

    /** Accounts never change currency; remembering the latest few spares a query per hold for busy accounts. */
    private static final int REMEMBERED_ACCOUNTS = 10_000;

    private final MeterRegistry registry;
    /** Every hold event counts twice: looking the counters up here is cheaper than building and registering them. */
    private final Map<String, Counter[]> counters = new ConcurrentHashMap<>();
    private final JdbcClient db;
    private final Map<String, String> currencies = Collections.synchronizedMap(
            new LinkedHashMap<>(256, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
                    return size() > REMEMBERED_ACCOUNTS;
                }
            });

    public HoldMetrics(MeterRegistry registry, JdbcClient db) {
        this.registry = registry;
        this.db = db;
    }

    /**
     * Counts {@code event} for {@code hold}, moving {@code amount} cents; {@code currency} when the caller has it,
     * else the hold's account's, read in the caller's transaction.
     */
    void count(Event event, Hold hold, long amount, String currency) {
        String known = currency != null ? remember(hold.accountId(), currency) : currencyOf(hold.accountId());
        String direction = hold.direction().name().toLowerCase();
        AfterCommit.run(() -> {
            Counter[] pair = counters.computeIfAbsent(event.label() + " " + known + " " + direction,
                    key -> register(event, known, direction));
            pair[0].increment();
            pair[1].increment(amount);
        });
    }

    /** The hold counter and the amount counter of one event, currency and direction. */
    private Counter[] register(Event event, String currency, String direction) {
        return new Counter[] {
            Counter.builder("posbridge.holds")
                    .description("Holds by what happened to them")
                    .tag("event", event.label()).tag("currency", currency).tag("direction", direction)
                    .register(registry),
            Counter.builder("posbridge.hold.amount.cents")
                    .description("Amounts of those holds, in cents (minor units) of the currency: created counts the amount held, "
                            + "finalised the amount posted, reversed and expired the amount released")
                    .tag("event", event.label()).tag("currency", currency).tag("direction", direction)
                    .register(registry)
        };
    }

    private String remember(String accountId, String currency) {
        currencies.put(accountId, currency);
        return currency;
    }

    private String currencyOf(String accountId) {
        String known = currencies.get(accountId);
        if (known != null) {
            return known;
        }
        String currency = db.sql("SELECT currency FROM accounts WHERE id = ?").param(accountId).query(String.class).single();
        return remember(accountId, currency);
    }
}
