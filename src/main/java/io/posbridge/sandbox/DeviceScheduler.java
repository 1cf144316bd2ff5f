package io.posbridge.sandbox;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.springframework.beans.factory.DisposableBean;

/**
 * The simulator's own background threads (device steps, webhook retries). Not an Executor bean: one would switch
 * off Spring Boot's task executor, which platform-http needs.
 */
public class DeviceScheduler implements DisposableBean {

    private final ScheduledExecutorService threads = Executors.newScheduledThreadPool(2, r -> {
        Thread thread = new Thread(r, "tokenx-simulator");
        thread.setDaemon(true);
        return thread;
    });

    void after(long millis, Runnable step) {
        threads.schedule(step, millis, TimeUnit.MILLISECONDS);
    }

    @Override
    public void destroy() {
        threads.shutdownNow();
    }
}
