package bench.baselines;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import bench.harness.Service;

/**
 * The replay baseline: home-feed rebuilt from {@code domain_event_entry} in bulk SQL, one transaction (payloads read
 * as jsonb): the current follow graph, every post with its latest edit and deletes, the feed rows, then the
 * projection's own indexes.
 */
public final class BulkRebuild {

    /** The rebuild's seconds and rows, and each step's seconds. */
    public record Result(double seconds, long followers, long posts, long feedRows, Map<String, Double> stepSeconds) {}

    private BulkRebuild() {
    }

    /**
     * Builds {@code bench_rb_follower}, {@code bench_rb_post} and {@code bench_rb_feed} from {@code domain_event_entry}
     * (payloads read as jsonb) in bulk statements, then creates the same indexes the projection's tables have.
     */
    public static Result run(Service db) throws SQLException {
        Map<String, Double> steps = new LinkedHashMap<>();
        List<String> indexes = new ArrayList<>();
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS bench_rb_feed, bench_rb_post, bench_rb_follower");
            // The projection's indexes, renamed onto the scratch tables, so the rebuild pays for the same ones.
            Map<String, String> tables = Map.of("user_feed", "bench_rb_feed", "home_feed_post", "bench_rb_post",
                    "home_feed_follower", "bench_rb_follower");
            try (ResultSet rs = s.executeQuery("SELECT tablename, indexname, indexdef FROM pg_indexes WHERE schemaname = 'home_feed_template' "
                    + "AND tablename IN ('user_feed', 'home_feed_post', 'home_feed_follower') ORDER BY tablename, indexname")) {
                while (rs.next()) {
                    String table = rs.getString(1);
                    String def = rs.getString(3)
                            .replace("INDEX " + rs.getString(2) + " ON", "INDEX bench_rb_" + rs.getString(2) + " ON")
                            .replace(" ON home_feed_template." + table + " ", " ON public." + tables.get(table) + " ");
                    indexes.add(def);
                }
            }
        }
        long t0 = System.nanoTime();
        long followers, posts, feed;
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            long t = System.nanoTime();
            s.execute("""
                    CREATE TABLE bench_rb_follower (followee_id BIGINT NOT NULL, follower_id BIGINT NOT NULL);
                    CREATE TABLE bench_rb_post (post_id BIGINT NOT NULL, author_id BIGINT NOT NULL, text TEXT,
                        version BIGINT NOT NULL, created_at TIMESTAMPTZ NOT NULL, expires_at TIMESTAMPTZ, deleted BOOLEAN NOT NULL);
                    CREATE TABLE bench_rb_feed (viewer_id BIGINT NOT NULL, post_id BIGINT NOT NULL, author_id BIGINT NOT NULL,
                        post_preview TEXT, created_at TIMESTAMPTZ NOT NULL, expires_at TIMESTAMPTZ)""");
            // The current follow graph: the last follow or unfollow of each pair decides.
            followers = s.executeUpdate("""
                    INSERT INTO bench_rb_follower (followee_id, follower_id)
                    SELECT followee, follower FROM (
                        SELECT DISTINCT ON (follower, followee) follower, followee, followed
                        FROM (SELECT (j->'followerId'->>'value')::bigint AS follower,
                                     (j->'followeeId'->>'value')::bigint AS followee,
                                     payload_type = '%s' AS followed, global_index
                              FROM domain_event_entry, LATERAL (SELECT convert_from(payload, 'UTF8')::jsonb AS j) x
                              WHERE payload_type IN ('%s', '%s')) e
                        ORDER BY follower, followee, global_index DESC) last
                    WHERE followed""".formatted(EventTypes.FOLLOWED, EventTypes.FOLLOWED, EventTypes.UNFOLLOWED));
            steps.put("follow_graph", (System.nanoTime() - t) / 1e9);
            t = System.nanoTime();
            // Every post with its latest text, deleted ones as tombstones.
            posts = s.executeUpdate("""
                    INSERT INTO bench_rb_post (post_id, author_id, text, version, created_at, expires_at, deleted)
                    WITH ev AS MATERIALIZED (
                        SELECT payload_type AS t, convert_from(payload, 'UTF8')::jsonb AS j
                        FROM domain_event_entry WHERE payload_type IN ('%1$s', '%2$s', '%3$s')),
                    pub AS (SELECT (j->'postId'->>'value')::bigint AS post_id, (j->'authorId'->>'value')::bigint AS author_id,
                                   j->>'text' AS text, (j->>'createdAt')::timestamptz AS created_at,
                                   (j->>'expiresAt')::timestamptz AS expires_at
                            FROM ev WHERE t = '%1$s'),
                    ed AS (SELECT DISTINCT ON (post_id) post_id, text, version
                           FROM (SELECT (j->'postId'->>'value')::bigint AS post_id, j->>'text' AS text,
                                        (j->>'version')::bigint AS version FROM ev WHERE t = '%2$s') x
                           ORDER BY post_id, version DESC),
                    del AS (SELECT DISTINCT (j->'postId'->>'value')::bigint AS post_id FROM ev WHERE t = '%3$s')
                    SELECT p.post_id, p.author_id, CASE WHEN d.post_id IS NULL THEN coalesce(e.text, p.text) END,
                           coalesce(e.version, 1), p.created_at, p.expires_at, d.post_id IS NOT NULL
                    FROM pub p LEFT JOIN ed e USING (post_id) LEFT JOIN del d USING (post_id)"""
                    .formatted(EventTypes.PUBLISHED, EventTypes.EDITED, EventTypes.DELETED));
            steps.put("posts", (System.nanoTime() - t) / 1e9);
            t = System.nanoTime();
            // Each live post in its author's feed and in every follower's.
            feed = s.executeUpdate("""
                    INSERT INTO bench_rb_feed (viewer_id, post_id, author_id, post_preview, created_at, expires_at)
                    SELECT f.follower_id, p.post_id, p.author_id, p.text, p.created_at, p.expires_at
                    FROM bench_rb_post p JOIN bench_rb_follower f ON f.followee_id = p.author_id
                    WHERE NOT p.deleted
                    UNION ALL
                    SELECT p.author_id, p.post_id, p.author_id, p.text, p.created_at, p.expires_at
                    FROM bench_rb_post p WHERE NOT p.deleted""");
            steps.put("feed_rows", (System.nanoTime() - t) / 1e9);
            t = System.nanoTime();
            for (String index : indexes) {
                s.execute(index);
            }
            steps.put("indexes", (System.nanoTime() - t) / 1e9);
            t = System.nanoTime();
            c.commit();
            steps.put("commit", (System.nanoTime() - t) / 1e9);
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        System.out.printf("  raw rebuild: %.2f s (%d follows, %d posts, %d feed rows; %d indexes) steps %s%n",
                seconds, followers, posts, feed, indexes.size(), steps);
        return new Result(seconds, followers, posts, feed, steps);
    }
}
