package dev.homefeed.query.homefeed;

import static dev.homefeed.query.homefeed.SqlArrays.bigints;

import java.time.Instant;
import java.util.Collection;
import java.util.List;

import dev.homefeed.projection.generation.GenerationSql;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.SqlArrayValue;
import org.springframework.stereotype.Repository;

/**
 * The windows a home-feed generation keeps ({@code home_feed_viewer}): for each viewer it holds, every row of their
 * feed (but the pulled authors' posts, merged at read time) with a key at or above the viewer's floor, at most the
 * window. Readers trust the rows above the floor and ask source truth below it; so every statement here keeps that
 * promise: trimming raises the floor before it drops rows, materializing writes a window and its floor together,
 * dropping takes the viewer's row and rows at once.
 */
@Repository
class FeedWindows {

    private final JdbcClient jdbc;
    private final WindowLock lock;

    FeedWindows(JdbcClient jdbc, WindowLock lock) {
        this.jdbc = jdbc;
        this.lock = lock;
    }

    /**
     * The end of a batch in one generation: applies the rows its statements added to and removed from each window,
     * then trims the windows now over {@code window}. Batches of different segments settle one after another (the
     * lock is held to the end of the batch's transaction), so counts and floors never race; trimming skips rows
     * another batch has locked, which stay below the floor, where readers no longer look, until a later trim.
     */
    void settle(String schema, WindowCounts counts, int window) {
        if (counts.isEmpty()) {
            return;
        }
        lock.counts();
        List<Long> viewers = counts.viewers();
        List<Long> over = jdbc.sql(GenerationSql.in(schema, """
                WITH settled AS (
                         UPDATE {g}.home_feed_viewer w
                         SET stored = CASE WHEN d.recount
                                           THEN (SELECT count(*) FROM {g}.user_feed u WHERE u.viewer_id = w.viewer_id
                                                   AND (u.created_at, u.post_id) >= (w.floor_at, w.floor_id))
                                           ELSE greatest(w.stored + d.n, 0) END
                         FROM unnest(:viewers, :changes, :recount) AS d(viewer_id, n, recount)
                         WHERE w.viewer_id = d.viewer_id
                         RETURNING w.viewer_id, w.stored)
                SELECT viewer_id FROM settled WHERE stored > :window"""))
                .param("viewers", bigints(viewers))
                .param("changes", bigints(viewers, viewer -> counts.changes().getOrDefault(viewer, 0L)))
                .param("recount", new SqlArrayValue("boolean", viewers.stream().map(counts::recounted).toArray()))
                .param("window", window)
                .query(Long.class)
                .list();
        trim(schema, over, window);
    }

    /**
     * Trims windows that hold more than {@code window} rows: the floor rises to the row {@code stored - window} rows
     * above it, the rows below go, and the window holds {@code window} rows from there on, by the count it had. A window
     * whose count came out higher than its rows (no row that far up) gets its rows counted instead. Every step is
     * looked up by the viewer's key: comparing each viewer with every row the statement removed cost a batch of 2,000
     * viewers 0.3 s, more than the fan-out it trimmed after.
     */
    void trim(String schema, Collection<Long> viewers, int window) {
        if (viewers.isEmpty()) {
            return;
        }
        jdbc.sql(GenerationSql.in(schema, """
                WITH cut AS (
                         SELECT w.viewer_id, c.created_at, c.post_id FROM {g}.home_feed_viewer w
                         LEFT JOIN LATERAL (
                             SELECT u.created_at, u.post_id FROM {g}.user_feed u
                             WHERE u.viewer_id = w.viewer_id AND (u.created_at, u.post_id) >= (w.floor_at, w.floor_id)
                             ORDER BY u.created_at, u.post_id
                             OFFSET w.stored - :window LIMIT 1) c ON true
                         WHERE w.viewer_id = ANY(:viewers) AND w.stored > :window AND w.floor_at <> 'infinity'),
                     gone AS (
                         DELETE FROM {g}.user_feed u WHERE u.ctid IN (
                             SELECT b.ctid FROM {g}.user_feed b JOIN cut ON b.viewer_id = cut.viewer_id
                             WHERE (b.created_at, b.post_id) < (cut.created_at, cut.post_id)
                             FOR UPDATE OF b SKIP LOCKED))
                UPDATE {g}.home_feed_viewer w
                SET floor_at = coalesce(cut.created_at, w.floor_at), floor_id = coalesce(cut.post_id, w.floor_id),
                    stored = CASE WHEN cut.created_at IS NULL
                                  THEN (SELECT count(*) FROM {g}.user_feed u
                                        WHERE u.viewer_id = w.viewer_id AND (u.created_at, u.post_id) >= (w.floor_at, w.floor_id))
                                  ELSE :window END
                FROM cut WHERE w.viewer_id = cut.viewer_id"""))
                .param("viewers", bigints(List.copyOf(viewers)))
                .param("window", window)
                .update();
    }

    /**
     * Writes each viewer's window afresh from the generation's own tables: the newest {@code window} posts of the
     * viewer and of the followed authors that are fanned out, not deleted, the floor at the oldest of them (or
     * '-infinity' when the feed has fewer). Expired posts count as fan-out has them (reads hide them, the purge removes
     * them), so a window made here holds what fan-out would have made. The caller holds the windows' lock, so no batch
     * of the projector runs meanwhile.
     */
    void materialize(String schema, List<Long> viewers, int window) {
        if (viewers.isEmpty()) {
            return;
        }
        jdbc.sql(GenerationSql.in(schema, "DELETE FROM {g}.user_feed WHERE viewer_id = ANY(:viewers)"))
                .param("viewers", bigints(viewers)).update();
        jdbc.sql(GenerationSql.in(schema, """
                WITH v AS (SELECT DISTINCT unnest(:viewers) AS viewer_id),
                     top AS (
                         SELECT v.viewer_id, t.post_id, t.author_id, t.text, t.created_at, t.expires_at, t.n
                         FROM v CROSS JOIN LATERAL (
                             SELECT p.post_id, p.author_id, p.text, p.created_at, p.expires_at,
                                    row_number() OVER (ORDER BY p.created_at DESC, p.post_id DESC) AS n
                             FROM (SELECT v.viewer_id AS author_id
                                   UNION
                                   SELECT f.followee_id FROM {g}.home_feed_follower f
                                   WHERE f.follower_id = v.viewer_id
                                     AND NOT EXISTS (SELECT 1 FROM {g}.home_feed_author a
                                                     WHERE a.author_id = f.followee_id AND a.pulled)) a
                             CROSS JOIN LATERAL (
                                 SELECT post_id, author_id, text, created_at, expires_at FROM {g}.home_feed_post p
                                 WHERE p.author_id = a.author_id AND NOT p.deleted
                                 ORDER BY created_at DESC, post_id DESC
                                 LIMIT :window) p
                             ORDER BY p.created_at DESC, p.post_id DESC
                             LIMIT :window) t),
                     written AS (
                         INSERT INTO {g}.user_feed (viewer_id, post_id, author_id, post_preview, created_at, expires_at)
                         SELECT viewer_id, post_id, author_id, text, created_at, expires_at FROM top
                         ON CONFLICT DO NOTHING),
                     counted AS (SELECT viewer_id, count(*) AS stored FROM top GROUP BY viewer_id)
                INSERT INTO {g}.home_feed_viewer (viewer_id, floor_at, floor_id, stored)
                SELECT v.viewer_id,
                       coalesce(oldest.created_at, '-infinity'), coalesce(oldest.post_id, 0), coalesce(counted.stored, 0)
                FROM v LEFT JOIN top oldest ON oldest.viewer_id = v.viewer_id AND oldest.n = :window
                       LEFT JOIN counted ON counted.viewer_id = v.viewer_id
                ON CONFLICT (viewer_id) DO UPDATE
                SET floor_at = excluded.floor_at, floor_id = excluded.floor_id, stored = excluded.stored"""))
                .param("viewers", bigints(viewers))
                .param("window", window)
                .update();
    }

    /** Viewers of the generation waiting for their window, at most {@code limit}. */
    List<Long> pending(String schema, int limit) {
        return jdbc.sql(GenerationSql.in(schema, """
                SELECT viewer_id FROM {g}.home_feed_viewer WHERE floor_at = 'infinity' ORDER BY viewer_id LIMIT :limit"""))
                .param("limit", limit).query(Long.class).list();
    }

    /** Which of the viewers have a materialized window in the generation. */
    List<Long> materialized(String schema, Collection<Long> viewers) {
        return jdbc.sql(GenerationSql.in(schema, """
                SELECT viewer_id FROM {g}.home_feed_viewer WHERE viewer_id = ANY(:viewers) AND floor_at <> 'infinity'"""))
                .param("viewers", bigints(List.copyOf(viewers))).query(Long.class).list();
    }

    /**
     * Every window of the generation waits to be materialized again (a replay or rebuild refills its tables from
     * the first event), and so does every window the serving generation keeps that it lacks.
     */
    void allPending(String schema) {
        jdbc.sql(GenerationSql.in(schema, "UPDATE {g}.home_feed_viewer SET floor_at = 'infinity', floor_id = 0, stored = 0")).update();
        addServingViewers(schema);
    }

    /** The viewers the serving generation keeps a window for and this one lacks, as pending windows. */
    int addServingViewers(String schema) {
        return jdbc.sql(GenerationSql.in(schema, """
                INSERT INTO {g}.home_feed_viewer (viewer_id, floor_at, floor_id, stored)
                SELECT viewer_id, 'infinity', 0, 0 FROM public.home_feed_viewer
                ON CONFLICT (viewer_id) DO NOTHING""")).update();
    }

    /** Viewers with a window who have not read their feed since {@code cutoff}, at most {@code limit}. */
    List<Long> inactive(String schema, Instant cutoff, int limit) {
        return jdbc.sql(GenerationSql.in(schema, """
                SELECT w.viewer_id FROM {g}.home_feed_viewer w
                WHERE NOT EXISTS (SELECT 1 FROM feed_viewer_activity a WHERE a.viewer_id = w.viewer_id AND a.last_read_at > :cutoff)
                ORDER BY w.viewer_id LIMIT :limit"""))
                .param("cutoff", SqlArrays.ts(cutoff)).param("limit", limit).query(Long.class).list();
    }

    /** Drops every window of the generation that waits to be materialized (they hold no rows). */
    void dropPending(String schema) {
        jdbc.sql(GenerationSql.in(schema, "DELETE FROM {g}.home_feed_viewer WHERE floor_at = 'infinity'")).update();
    }

    /** Drops the viewers' windows: their rows and the record that they have one. */
    int drop(String schema, List<Long> viewers) {
        if (viewers.isEmpty()) {
            return 0;
        }
        jdbc.sql(GenerationSql.in(schema, "DELETE FROM {g}.home_feed_viewer WHERE viewer_id = ANY(:viewers)"))
                .param("viewers", bigints(viewers)).update();
        return jdbc.sql(GenerationSql.in(schema, "DELETE FROM {g}.user_feed WHERE viewer_id = ANY(:viewers)"))
                .param("viewers", bigints(viewers)).update();
    }
}
