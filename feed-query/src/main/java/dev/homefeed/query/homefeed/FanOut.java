package dev.homefeed.query.homefeed;

import static dev.homefeed.query.homefeed.SqlArrays.bigints;
import static dev.homefeed.query.homefeed.SqlArrays.instants;
import static dev.homefeed.query.homefeed.SqlArrays.texts;

import java.util.List;

import dev.homefeed.projection.generation.GenerationSql;
import dev.homefeed.query.homefeed.HomeFeedChange.Publish;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Fan-out on write: a published post goes into the windows of its author and, unless the author is pulled at read
 * time, of every follower, in one statement per run. Viewers without a window (inactive, or never read) get no row:
 * their reads come from source truth. An erased author's post is left out: their erasure may have been handled on
 * another segment already, and a replay must not bring it back, so the command side's record of erasures decides.
 */
@Repository
class FanOut {

    /** What a run wrote: rows, and rows not written for viewers without a window (or below its floor). */
    record Result(long written, long skipped) {
    }

    private static final String PUBLISH_SQL = """
            WITH added AS (
                     INSERT INTO {g}.home_feed_post (post_id, author_id, text, version, created_at, expires_at, deleted)
                     SELECT post_id, author_id, text, 1, created_at::timestamptz, expires_at::timestamptz, false
                     FROM unnest(:posts, :authors, :texts, :created, :expires) AS t(post_id, author_id, text, created_at, expires_at)
                     WHERE NOT EXISTS (SELECT 1 FROM user_erasure e WHERE e.user_id = t.author_id)
                     ON CONFLICT (post_id) DO NOTHING
                     RETURNING post_id, author_id, text, created_at, expires_at),
                 audience AS (
                     SELECT v.viewer_id, p.post_id, p.author_id, p.text, p.created_at, p.expires_at,
                            coalesce((p.created_at, p.post_id) >= (w.floor_at, w.floor_id), false) AS kept
                     FROM added p
                     CROSS JOIN LATERAL (
                         SELECT p.author_id AS viewer_id
                         UNION ALL
                         SELECT f.follower_id FROM {g}.home_feed_follower f
                         WHERE f.followee_id = p.author_id
                           AND NOT EXISTS (SELECT 1 FROM {g}.home_feed_author a WHERE a.author_id = p.author_id AND a.pulled)
                     ) v
                     LEFT JOIN {g}.home_feed_viewer w ON w.viewer_id = v.viewer_id),
                 written AS (
                     INSERT INTO {g}.user_feed (viewer_id, post_id, author_id, post_preview, created_at, expires_at)
                     SELECT viewer_id, post_id, author_id, text, created_at, expires_at FROM audience WHERE kept
                     ORDER BY viewer_id, created_at, post_id
                     RETURNING viewer_id),
                 %s
            SELECT (SELECT count(*) FROM written), (SELECT count(*) FROM audience WHERE NOT kept), %s"""
            .formatted(WindowCounts.added("deltas", "written"), WindowCounts.columns("deltas"));

    private final JdbcClient jdbc;

    FanOut(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Copies the posts and fans each one out. Only posts new to {@code home_feed_post} are fanned out: a redelivered
     * event changes nothing, a tombstone stays one, and a new post can have no feed rows yet (every feed row is made
     * from its post's copy), so the feed rows need no conflict check, which measured a third of their cost. A viewer
     * whose floor lies above the post (a window that moved past it) gets no row either, as their reads ask source
     * truth below the floor.
     */
    Result publish(String schema, List<Publish> posts, WindowCounts counts) {
        return jdbc.sql(GenerationSql.in(schema, PUBLISH_SQL))
                .param("posts", bigints(posts, Publish::postId))
                .param("authors", bigints(posts, Publish::authorId))
                .param("texts", texts(posts, Publish::text))
                .param("created", instants(posts, Publish::createdAt))
                .param("expires", instants(posts, Publish::expiresAt))
                .query((rs, i) -> {
                    counts.add(rs, 3);
                    return new Result(rs.getLong(1), rs.getLong(2));
                })
                .single();
    }
}
