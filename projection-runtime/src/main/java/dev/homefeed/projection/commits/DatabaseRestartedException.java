package dev.homefeed.projection.commits;

import java.time.OffsetDateTime;

/**
 * PostgreSQL started again since the processor thread's last transaction, so that transaction's asynchronous commit
 * may be lost while the thread's position in memory is past it. Thrown to make Axon start the segment again from its
 * stored token.
 */
public final class DatabaseRestartedException extends RuntimeException {

    DatabaseRestartedException(OffsetDateTime before, OffsetDateTime now) {
        super("PostgreSQL restarted (started " + before + ", now " + now + ") since this processor thread's last"
                + " transaction; the segment goes back to its stored token, as that commit may be lost");
    }
}
