package io.posbridge.yoyo;

import com.zaxxer.hikari.HikariDataSource;
import java.time.Duration;
import java.util.function.Supplier;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Yoyo gives a VSP 15 s; posbridge answers each call within posbridge.yoyo.deadline (5 s by default), so a reservation
 * is never made after Yoyo has given up. Of the deadline, two fifths may go on waiting for a database connection (the
 * pool's connection timeout, set here, for every user of the pool) and what is left of it when the ledger step starts
 * on its statements (the transaction's timeout, which Spring applies to each statement as its query timeout, lock
 * waits included). A step that runs out is rolled back and answered 99: nothing is written. Token-info's one read
 * runs without a transaction ({@link #reading}).
 */
@Component("yoyoDeadline")
public class YoyoDeadline {

    private static final Logger LOG = LoggerFactory.getLogger(YoyoDeadline.class);

    private final Duration deadline;
    private final Duration connectionWait;
    private final PlatformTransactionManager transactions;

    public YoyoDeadline(YoyoProperties settings, PlatformTransactionManager transactions) {
        this.deadline = settings.deadline();
        this.connectionWait = connectionWait(deadline);
        this.transactions = transactions;
    }

    /** The part of a deadline that may go on waiting for a database connection. */
    static Duration connectionWait(Duration deadline) {
        return deadline.multipliedBy(2).dividedBy(5);
    }

    /**
     * Sets the database pool's connection wait from the deadline before the pool starts (HikariCP reads it once, at
     * start; its default is 30 s). A shorter wait set in spring.datasource.hikari stays; HikariCP's minimum is 250 ms.
     */
    static BeanPostProcessor poolWaitWithin(Duration deadline) {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessBeforeInitialization(Object bean, String name) {
                if (bean instanceof HikariDataSource pool) {
                    long wait = Math.max(250, Math.min(pool.getConnectionTimeout(), connectionWait(deadline).toMillis()));
                    pool.setConnectionTimeout(wait);
                    pool.setValidationTimeout(Math.max(250, Math.min(pool.getValidationTimeout(), wait / 2)));
                    LOG.info("database connection wait {} ms, from posbridge.yoyo.deadline {}", wait, deadline);
                }
                return bean;
            }
        };
    }

    /** Thrown when a call reaches its ledger step with nothing left of its deadline. */
    static final class Spent extends RuntimeException {
        Spent(long elapsedMillis) {
            super("the deadline was spent after " + elapsedMillis + " ms, before the ledger was touched", null, false, false);
        }
    }

    /**
     * Runs a ledger step in a transaction bounded by what is left of the call's deadline. The step's own rules say
     * what a refusal keeps (a refused FINALISE of an expired hold keeps its reconciliation mark): a refusal that did not
     * mark the transaction for rollback is committed before it is thrown on.
     */
    <T> T within(Exchange exchange, Supplier<T> step) {
        long left = left(exchange);
        TransactionTemplate transaction = new TransactionTemplate(transactions);
        transaction.setTimeout((int) Math.max(1, (left - connectionWait.toMillis()) / 1000));
        RuntimeException[] refusal = new RuntimeException[1];
        T result = transaction.execute(status -> {
            try {
                return step.get();
            } catch (RuntimeException e) {
                if (status.isRollbackOnly()) {
                    throw e;
                }
                refusal[0] = e;
                return null;
            }
        });
        if (refusal[0] != null) {
            throw refusal[0];
        }
        return result;
    }

    /**
     * Runs a step that is one read, if any of the call's deadline is left. It needs no transaction: one statement sees
     * one snapshot and a plain SELECT waits on no row lock; its wait for a connection is bounded by the pool's
     * connection timeout as in {@link #within}.
     */
    <T> T reading(Exchange exchange, Supplier<T> read) {
        left(exchange);
        return read.get();
    }

    /** What is left of the call's deadline, in milliseconds; the call is refused when nothing is. */
    private long left(Exchange exchange) {
        long elapsed = System.currentTimeMillis() - exchange.getClock().getCreated();
        long left = deadline.toMillis() - elapsed;
        if (left <= 0) {
            throw new Spent(elapsed);
        }
        return left;
    }
}
