package dev.homefeed.api.outage;

import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;

/**
 * Failures that say PostgreSQL is away (stopped, crashed, restarting, unreachable) rather than that a request or the
 * service is wrong, and their reports: while the database is away every request and every background task fails the
 * same way, so each kind is logged once per {@link #REPORT_EVERY} with a count, not once per failure.
 */
public final class DatabaseFailures {

    static final Duration REPORT_EVERY = Duration.ofSeconds(10);

    private final Logger log;
    private final String what;
    private final AtomicLong lastReported = new AtomicLong(System.nanoTime() - REPORT_EVERY.toNanos());
    private final AtomicLong unreported = new AtomicLong();

    /** @param what how a report names what failed, e.g. "answering 503" */
    public DatabaseFailures(Logger log, String what) {
        this.log = log;
        this.what = what;
    }

    /**
     * SQLSTATE class 08 (connection exception), 57P01 to 57P03 (server shutting down, crashed, starting up), the
     * pool's timeout for a connection, or a refused connection, anywhere in the cause chain.
     */
    public static boolean isDatabaseAway(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLTransientConnectionException || t instanceof SQLNonTransientConnectionException
                    || t instanceof ConnectException) {
                return true;
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || sql.getSQLState().matches("57P0[123]"))) {
                return true;
            }
        }
        return false;
    }

    /** Logs this failure at WARN without its stack trace, unless one was logged within the last ten seconds. */
    public void report(Throwable failure) {
        long now = System.nanoTime();
        long last = lastReported.get();
        if (now - last >= REPORT_EVERY.toNanos() && lastReported.compareAndSet(last, now)) {
            log.warn("Database unavailable, {} ({} more since the last report): {}", what, unreported.getAndSet(0),
                    rootCause(failure));
        } else {
            unreported.incrementAndGet();
        }
    }

    private static String rootCause(Throwable failure) {
        Throwable t = failure;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getClass().getSimpleName() + ": " + t.getMessage();
    }
}
