package io.posbridge.sandbox;

import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The fiscal devices behind the simulator: a basket that arrives is locked by its terminal (or by a free terminal
 * of its branch) posbridge.sandbox.lock-after later, and completed posbridge.sandbox.complete-after after that —
 * paid, or cancelled or voided at the configured rates — each step reported by webhook.
 */
public class SimulatedDevices {

    private static final Logger LOG = LoggerFactory.getLogger(SimulatedDevices.class);

    private final SimulatedBaskets baskets;
    private final SandboxWebhooks webhooks;
    private final SandboxProperties settings;
    private final DeviceScheduler scheduler;
    private final DoubleSupplier dice;

    public SimulatedDevices(SimulatedBaskets baskets, SandboxWebhooks webhooks, SandboxProperties settings,
            DeviceScheduler scheduler) {
        this(baskets, webhooks, settings, scheduler, () -> ThreadLocalRandom.current().nextDouble());
    }

    SimulatedDevices(SimulatedBaskets baskets, SandboxWebhooks webhooks, SandboxProperties settings,
            DeviceScheduler scheduler, DoubleSupplier dice) {
        this.baskets = baskets;
        this.webhooks = webhooks;
        this.settings = settings;
        this.scheduler = scheduler;
        this.dice = dice;
    }

    /** A basket is waiting on the devices (new, or unlocked again). */
    void pickUp(String basketId, int round) {
        after(settings.lockAfter().toMillis(), () -> lock(basketId, round));
    }

    /** The sale status a device ends with: -1 cancelled, 99 voided, else 0 paid. */
    int outcome() {
        double roll = dice.getAsDouble();
        if (roll < settings.cancelledRate()) {
            return -1;
        }
        return roll < settings.cancelledRate() + settings.voidedRate() ? 99 : 0;
    }

    private void lock(String basketId, int round) {
        SimulatedBaskets.Lock lock = baskets.lock(basketId, round);
        if (lock.retryLater()) {
            pickUp(basketId, round);
        } else if (lock.done()) {
            LOG.debug("TokenX simulator: terminal {} locked basket {}", lock.terminalId(), basketId);
            webhooks.locked(lock.terminalId(), basketId);
            after(settings.completeAfter().toMillis(), () -> complete(basketId, round));
        }
    }

    private void complete(String basketId, int round) {
        baskets.complete(basketId, round, outcome()).ifPresent(done -> {
            LOG.debug("TokenX simulator: terminal {} completed basket {} with status {}", done.terminalId(), basketId,
                    done.sale().path("status"));
            webhooks.completed(done.terminalId(), done.sale());
        });
    }

    private void after(long millis, Runnable step) {
        scheduler.after(millis, () -> {
            try {
                step.run();
            } catch (RuntimeException e) {
                LOG.warn("TokenX simulator: a device step failed", e);
            }
        });
    }
}
