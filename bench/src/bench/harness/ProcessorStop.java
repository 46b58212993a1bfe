package bench.harness;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Stops a projection's processor on every instance the way the service's own replay does: through the database. The
 * harness takes an instance lease of its own ({@code feed_instance}, renewed like an instance's) and writes the
 * {@code processor_pause} row; every instance shuts its part down while the row stands and starts it again once it
 * is gone. Nothing of the service is changed for the benchmark.
 */
public final class ProcessorStop implements AutoCloseable {

    private static final String ID = "feed-bench";

    private final Connection db;
    private final String processor;
    private final Thread renewal;
    private volatile boolean held = true;

    private ProcessorStop(Connection db, String processor) {
        this.db = db;
        this.processor = processor;
        this.renewal = new Thread(this::renew, "bench-lease");
        renewal.setDaemon(true);
    }

    /** Returns once no instance claims a segment of the processor any more. */
    public static ProcessorStop everywhere(Service service, String processor) throws Exception {
        Connection db = service.connect();
        ProcessorStop stop = new ProcessorStop(db, processor);
        try (Statement s = db.createStatement()) {
            s.executeUpdate("INSERT INTO feed_instance (id, node_id, started_at, last_seen) VALUES ('" + ID + "', 1023, now(), now()) "
                    + "ON CONFLICT (id) DO UPDATE SET last_seen = now()");
        }
        stop.renewal.start();
        try (PreparedStatement p = db.prepareStatement("INSERT INTO processor_pause (processor_name, requested_by, requested_at, reason) "
                + "VALUES (?, '" + ID + "', now(), 'benchmark')")) {
            p.setString(1, processor);
            p.executeUpdate();
        }
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (stop.claimedSegments() > 0) {
            if (System.nanoTime() > deadline) {
                stop.close();
                throw new IllegalStateException(processor + " still claims segments 30 s after the stop was written");
            }
            Thread.sleep(50);
        }
        return stop;
    }

    private synchronized long claimedSegments() throws SQLException {
        try (PreparedStatement p = db.prepareStatement("SELECT count(*) FROM token_entry WHERE processor_name = ? AND owner IS NOT NULL")) {
            p.setString(1, processor);
            try (ResultSet rs = p.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private void renew() {
        while (held) {
            try {
                Thread.sleep(2000);
                synchronized (this) {
                    if (!held) return;
                    try (Statement s = db.createStatement()) {
                        s.executeUpdate("UPDATE feed_instance SET last_seen = now() WHERE id = '" + ID + "'");
                    }
                }
            } catch (Exception e) {
                return;
            }
        }
    }

    /** Lifts the stop: both rows go in one transaction, so no instance takes the harness for dead while it stands. */
    @Override
    public synchronized void close() throws SQLException {
        held = false;
        db.setAutoCommit(false);
        try (Statement s = db.createStatement()) {
            s.executeUpdate("DELETE FROM processor_pause WHERE requested_by = '" + ID + "'");
            s.executeUpdate("DELETE FROM feed_instance WHERE id = '" + ID + "'");
            db.commit();
        } finally {
            db.close();
        }
    }
}
