package bench.baselines;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import bench.harness.Service;

/**
 * The raw baselines' scratch tables ({@code bench_*}) live in the service's own database, which never reads them,
 * and are dropped at the end of the run; and a fingerprint of a feed table, to compare a rebuild with the projection.
 */
public final class Tables {

    /** Row count and an order-independent checksum of the (viewer, post) pairs. */
    public record Fingerprint(long rows, long checksum) {}

    private Tables() {
    }

    public static Fingerprint fingerprint(Service db, String table) throws SQLException {
        try (Connection c = db.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*), coalesce(sum(hashint8(viewer_id) # hashint8(post_id))::bigint, 0) FROM " + table)) {
            rs.next();
            return new Fingerprint(rs.getLong(1), rs.getLong(2));
        }
    }

    public static void dropScratch(Service db) throws SQLException {
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS bench_follows, bench_feed, bench_events, bench_rb_feed, bench_rb_post, bench_rb_follower");
            s.execute("DROP SEQUENCE IF EXISTS bench_events_seq");
        }
    }
}
