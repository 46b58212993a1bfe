package bench.baselines;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import bench.harness.Service;
import bench.load.Load;

/**
 * The publish baseline: single-row inserts of an event-sized row (a real PostPublishedEvent's payload and metadata) with
 * a sequence value, into a copy of {@code domain_event_entry} with all its constraints, autocommit.
 */
public final class SingleRowInserts {

    private SingleRowInserts() {
    }

    public static Load.Result run(Service db, int connections, double warmup, double seconds) throws Exception {
        byte[] payload;
        byte[] meta;
        String type;
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS bench_events");
            s.execute("DROP SEQUENCE IF EXISTS bench_events_seq");
            s.execute("CREATE SEQUENCE bench_events_seq START WITH 1 INCREMENT BY 1");
            s.execute("CREATE TABLE bench_events (LIKE domain_event_entry INCLUDING ALL)");
            try (ResultSet rs = s.executeQuery("SELECT payload, meta_data, type FROM domain_event_entry WHERE payload_type = '"
                    + EventTypes.PUBLISHED + "' ORDER BY global_index DESC LIMIT 1")) {
                if (!rs.next()) throw new IllegalStateException("no PostPublishedEvent to copy the size of");
                payload = rs.getBytes(1);
                meta = rs.getBytes(2);
                type = rs.getString(3);
            }
        }
        AtomicLong aggregate = new AtomicLong(372_000_000_000_000_000L);
        return Load.closed("raw single-row inserts", connections, warmup, seconds, index -> {
            Connection c = db.connect();
            c.setAutoCommit(true);
            PreparedStatement ps = c.prepareStatement("""
                    INSERT INTO bench_events (global_index, aggregate_identifier, sequence_number, type, event_identifier,
                        meta_data, payload, payload_revision, payload_type, time_stamp)
                    VALUES (nextval('bench_events_seq'), ?, 0, ?, ?, ?, ?, '1', ?, ?)""");
            return new Load.Worker() {
                public long run(long seq) throws Exception {
                    ps.setString(1, "post:" + aggregate.incrementAndGet());
                    ps.setString(2, type);
                    ps.setString(3, UUID.randomUUID().toString());
                    ps.setBytes(4, meta);
                    ps.setBytes(5, payload);
                    ps.setString(6, EventTypes.PUBLISHED);
                    ps.setString(7, Instant.now().toString());
                    return ps.executeUpdate();
                }

                public void close() throws SQLException {
                    c.close();
                }
            };
        });
    }
}
