package dev.homefeed.postgres.testing;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.beans.factory.support.DefaultSingletonBeanRegistry;
import org.springframework.context.ConfigurableApplicationContext;

/** Counts the test application contexts still open, so the shared database is stopped only after they closed. */
public final class OpenContexts {

    private static final AtomicInteger OPEN = new AtomicInteger();

    private OpenContexts() {
    }

    /**
     * Counts the context until it has closed completely: the first disposable bean it registers is the last it
     * destroys, after its event processors stopped and its connection pool closed. (A {@code ContextClosedEvent}
     * comes at the start of closing, while processors still write.)
     */
    public static void opened(ConfigurableApplicationContext context) {
        int number = OPEN.incrementAndGet();
        ((DefaultSingletonBeanRegistry) context.getBeanFactory()).registerDisposableBean("openContexts#" + number, () -> {
            synchronized (OPEN) {
                OPEN.decrementAndGet();
                OPEN.notifyAll();
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
