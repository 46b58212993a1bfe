package dev.homefeed.postgres.testing;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ContextClosedEvent;

/** Counts the test application contexts still open, so the shared database is stopped only after they closed. */
final class OpenContexts {

    private static final AtomicInteger OPEN = new AtomicInteger();

    private OpenContexts() {
    }

    static void opened(ConfigurableApplicationContext context) {
        OPEN.incrementAndGet();
        context.addApplicationListener(event -> {
            if (event instanceof ContextClosedEvent closed && closed.getApplicationContext() == context) {
                synchronized (OPEN) {
                    OPEN.decrementAndGet();
                    OPEN.notifyAll();
                }
            }
        });
    }

    static void awaitAllClosed(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (OPEN) {
            while (OPEN.get() > 0 && System.nanoTime() < deadline) {
                try {
                    OPEN.wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }
}
