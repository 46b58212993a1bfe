import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What PostgreSQL itself does with the same data in the same database, in scratch tables ({@code bench_*}) that the
 * service never reads: (a) per-post set-based fan-out, (b) a bulk rebuild from the event store, (c) keyset page reads,
 * (d) single-row event inserts with a sequence value.
 */
final class RawBaselines {

    static final String PUBLISHED = "dev.homefeed.command.api.post.PostPublishedEvent";
    static final String EDITED = "dev.homefeed.command.api.post.PostEditedEvent";
    static final String DELETED = "dev.homefeed.command.api.post.PostDeletedEvent";
    static final String FOLLOWED = "dev.homefeed.command.api.follow.UserFollowedEvent";
    static final String UNFOLLOWED = "dev.homefeed.command.api.follow.UserUnfollowedEvent";

    /** The service's page query (HomeFeedQueries.PAGE_SQL) with positional parameters. */
    static final String PAGE_SQL = """
            SELECT post_id, author_id, post_preview, created_at, expires_at
            FROM user_feed
            WHERE viewer_id = ?
              AND (created_at, post_id) < (?, ?)
              AND (expires_at IS NULL OR expires_at > ?)
            ORDER BY created_at DESC, post_id DESC
            LIMIT ?""";

    private static final OffsetDateTime END_OF_TIME = OffsetDateTime.parse("9999-12-31T00:00:00Z");

    record Post(long id, long author, String text, OffsetDateTime createdAt) {}

    private final Service service;

    RawBaselines(Service service) {
        this.service = service;
    }

    void dropScratchTables() throws SQLException {
        try (Connection c = service.connect(); Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS bench_follows, bench_feed, bench_events, bench_rb_feed, bench_rb_post, bench_rb_follower");
            s.execute("DROP SEQUENCE IF EXISTS bench_events_seq");
        }
    }

    // ---- (d) single-row inserts of an event-sized row with a sequence value

    Load.Result singleRowInserts(int connections, double warmup, double seconds) throws Exception {
        byte[] payload;
        byte[] meta;
        String type;
        try (Connection c = service.connect(); Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS bench_events");
            s.execute("DROP SEQUENCE IF EXISTS bench_events_seq");
            s.execute("CREATE SEQUENCE bench_events_seq START WITH 1 INCREMENT BY 1");
            s.execute("CREATE TABLE bench_events (LIKE domain_event_entry INCLUDING ALL)");
            try (ResultSet rs = s.executeQuery("SELECT payload, meta_data, type FROM domain_event_entry WHERE payload_type = '"
                    + PUBLISHED + "' ORDER BY global_index DESC LIMIT 1")) {
                if (!rs.next()) throw new IllegalStateException("no PostPublishedEvent to copy the size of");
                payload = rs.getBytes(1);
                meta = rs.getBytes(2);
                type = rs.getString(3);
            }
        }
        AtomicLong aggregate = new AtomicLong(372_000_000_000_000_000L);
        return Load.closed("raw single-row inserts", connections, warmup, seconds, index -> {
            Connection c = service.connect();
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
                    ps.setString(6, PUBLISHED);
                    ps.setString(7, java.time.Instant.now().toString());
                    return ps.executeUpdate();
                }

                public void close() throws SQLException {
                    c.close();
                }
            };
        });
    }

    // ---- (a) per-post set-based fan-out

    /** Copies the command side's follow graph into {@code bench_follows}; the fan-out target is shaped like user_feed. */
    void prepareFanOut() throws SQLException {
        try (Connection c = service.connect(); Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS bench_follows, bench_feed");
            s.execute("CREATE TABLE bench_follows (followee_id BIGINT NOT NULL, follower_id BIGINT NOT NULL, "
                    + "PRIMARY KEY (followee_id, follower_id))");
            s.execute("INSERT INTO bench_follows (followee_id, follower_id) SELECT followee_id, follower_id FROM following");
            // The template of the projection's generations: the same columns and indexes as the serving user_feed.
            s.execute("CREATE TABLE bench_feed (LIKE home_feed_template.user_feed INCLUDING ALL)");
            s.execute("ANALYZE bench_follows");
        }
    }

    Load.Result fanOut(List<Post> posts, int connections) throws Exception {
        return Load.closedCount("raw per-post fan-out", connections, posts.size(), index -> {
            Connection c = service.connect();
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
                    Post p = posts.get((int) seq);
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

    // ---- (c) keyset page reads

    /** A reader that reads up to {@code pagesPerViewer} pages of a random viewer's feed, then moves to another viewer. */
    Load.WorkerFactory keysetReader(int users, int limit, int pagesPerViewer) {
        return index -> {
            Connection c = service.connect();
            c.setAutoCommit(true);
            PreparedStatement ps = c.prepareStatement(PAGE_SQL);
            return new Load.Worker() {
                long viewer;
                OffsetDateTime afterCreated;
                long afterPost;
                int pages;

                public long run(long seq) throws Exception {
                    if (afterCreated == null) {
                        viewer = 1 + ThreadLocalRandom.current().nextInt(users);
                        afterCreated = END_OF_TIME;
                        afterPost = Long.MAX_VALUE;
                        pages = 0;
                    }
                    ps.setLong(1, viewer);
                    ps.setObject(2, afterCreated);
                    ps.setLong(3, afterPost);
                    ps.setObject(4, OffsetDateTime.now(ZoneOffset.UTC));
                    ps.setInt(5, limit + 1);
                    int rows = 0;
                    OffsetDateTime lastCreated = null;
                    long lastPost = 0;
                    List<Object[]> page = new ArrayList<>(limit + 1);
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            Object[] row = {rs.getLong(1), rs.getLong(2), rs.getString(3),
                                    rs.getObject(4, OffsetDateTime.class), rs.getObject(5, OffsetDateTime.class)};
                            page.add(row);
                            if (++rows == limit) {
                                lastCreated = (OffsetDateTime) row[3];
                                lastPost = (Long) row[0];
                            }
                        }
                    }
                    pages++;
                    if (rows > limit && pages < pagesPerViewer) {
                        afterCreated = lastCreated;
                        afterPost = lastPost;
                    } else {
                        afterCreated = null;
                    }
                    return 1;
                }

                public void close() throws SQLException {
                    c.close();
                }
            };
        };
    }

    // ---- (b) bulk rebuild from the event store

    record Rebuild(double seconds, long followers, long posts, long feedRows, Map<String, Double> stepSeconds) {}

    /**
     * Builds {@code bench_rb_follower}, {@code bench_rb_post} and {@code bench_rb_feed} from {@code domain_event_entry}
     * (payloads read as jsonb) in bulk statements, then creates the same indexes the projection's tables have.
     */
    Rebuild rebuild() throws SQLException {
        Map<String, Double> steps = new LinkedHashMap<>();
        List<String> indexes = new ArrayList<>();
        try (Connection c = service.connect(); Statement s = c.createStatement()) {
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
        try (Connection c = service.connect(); Statement s = c.createStatement()) {
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
                    WHERE followed""".formatted(FOLLOWED, FOLLOWED, UNFOLLOWED));
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
                    .formatted(PUBLISHED, EDITED, DELETED));
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
        return new Rebuild(seconds, followers, posts, feed, steps);
    }

    /** Row count and an order-independent checksum of (viewer, post) pairs, to compare a rebuild with the projection. */
    long[] feedFingerprint(String table) throws SQLException {
        try (Connection c = service.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*), coalesce(sum(hashint8(viewer_id) # hashint8(post_id))::bigint, 0) FROM " + table)) {
            rs.next();
            return new long[]{rs.getLong(1), rs.getLong(2)};
        }
    }
}
