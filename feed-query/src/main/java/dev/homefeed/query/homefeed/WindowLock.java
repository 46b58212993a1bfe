package dev.homefeed.query.homefeed;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * One PostgreSQL advisory lock, held to the end of the caller's transaction, between the projector's batches (shared:
 * they run side by side) and whatever writes whole windows beside them (exclusive: materializing, dropping). A window
 * materialized while a batch ran could miss that batch's post: the batch fans out only to windows it sees, and the
 * materializing statement would not see the batch's rows either. Every instance takes the same lock.
 */
@Component
class WindowLock {

    /** "homefeed" in ASCII: a key no other lock of this database uses. */
    private static final long KEY = 0x686f6d6566656564L;
    /** The next key: batches settling their windows' counts. */
    private static final long COUNTS_KEY = KEY + 1;

    private final JdbcClient jdbc;

    WindowLock(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** For a projector batch, in its transaction. */
    void shared() {
        jdbc.sql("SELECT pg_advisory_xact_lock_shared(:key)").param("key", KEY).query((rs, i) -> null).list();
    }

    /**
     * For a batch settling its windows' counts and trims, in its transaction: one batch at a time, so two segments
     * never lock the same viewers' rows in different orders. Nothing taken under it waits for another batch.
     */
    void counts() {
        jdbc.sql("SELECT pg_advisory_xact_lock(:key)").param("key", COUNTS_KEY).query((rs, i) -> null).list();
    }

    /** For a writer of whole windows, in its transaction: waits for the batches in flight, holds new ones back. */
    void exclusive() {
        jdbc.sql("SELECT pg_advisory_xact_lock(:key)").param("key", KEY).query((rs, i) -> null).list();
    }
}
