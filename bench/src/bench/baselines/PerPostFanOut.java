package bench.baselines;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import bench.harness.Service;
import bench.load.Load;

/**
 * The fan-out baseline: for each of the service's posts, one {@code INSERT … SELECT … ON CONFLICT DO NOTHING} into the
 * author's and every follower's feed, from a copy of the follow graph into a table shaped like user_feed, autocommit.
 */
public final class PerPostFanOut {

    private PerPostFanOut() {
    }

    /** Copies the command side's follow graph into {@code bench_follows}; the fan-out target is shaped like user_feed. */
    public static void prepare(Service db) throws SQLException {
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS bench_follows, bench_feed");
            s.execute("CREATE TABLE bench_follows (followee_id BIGINT NOT NULL, follower_id BIGINT NOT NULL, "
                    + "PRIMARY KEY (followee_id, follower_id))");
            s.execute("INSERT INTO bench_follows (followee_id, follower_id) SELECT followee_id, follower_id FROM following");
            // The template of the projection's generations: the same columns and indexes as the serving user_feed.
            s.execute("CREATE TABLE bench_feed (LIKE home_feed_template.user_feed INCLUDING ALL)");
            s.execute("ANALYZE bench_follows");
        }
    }

    public static Load.Result run(Service db, List<PublishedPost> posts, int connections) throws Exception {
        return Load.closedCount("raw per-post fan-out", connections, posts.size(), index -> {
            Connection c = db.connect();
            c.setAutoCommit(true);
            PreparedStatement ps = c.prepareStatement("""
                    INSERT INTO bench_feed (viewer_id, post_id, author_id, post_preview, created_at, expires_at)
                    SELECT v.viewer_id, ?, ?, ?, ?, NULL
                    FROM (SELECT ?::bigint AS viewer_id
                          UNION ALL
                          SELECT f.follower_id FROM bench_follows f WHERE f.followee_id = ?) v
                    ON CONFLICT DO NOTHING""");
            return new Load.Worker() {
                public long run(long seq) throws Exception {
                    PublishedPost p = posts.get((int) seq);
                    ps.setLong(1, p.id());
                    ps.setLong(2, p.author());
                    ps.setString(3, p.text());
                    ps.setObject(4, p.createdAt());
                    ps.setLong(5, p.author());
                    ps.setLong(6, p.author());
                    return ps.executeUpdate();
                }

                public void close() throws SQLException {
                    c.close();
                }
            };
        });
    }
}
