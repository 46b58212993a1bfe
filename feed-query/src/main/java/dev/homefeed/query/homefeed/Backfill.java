package dev.homefeed.query.homefeed;

import static dev.homefeed.query.homefeed.SqlArrays.bigints;

import java.util.List;

import dev.homefeed.projection.generation.GenerationSql;
import dev.homefeed.query.homefeed.HomeFeedChange.Follow;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Follows bring the followee's live posts into the follower's feed; authors back under the threshold are pushed again.
 * A follow of or by an erased user is left out, whatever segment handled the erasure (the command side's record).
 */
@Repository
class Backfill {

    private final JdbcClient jdbc;

    Backfill(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Adds the follows, counts each followee's new followers, and backfills the windows of the new followers that
     * have one with the posts of followees that are still fanned out (those above the follower's floor), in one
     * statement; the follower may then hold more than the window, which the batch trims. Follower counts only grow
     * here, so the outcome equals applying the follows one by one.
     *
     * @return the followees that crossed the threshold and are pulled at read time from now on
     */
    List<Long> follow(String schema, List<Follow> follows, int threshold, WindowCounts counts) {
        return jdbc.sql(GenerationSql.in(schema, """
                WITH input AS (
                         SELECT DISTINCT follower_id, followee_id
                         FROM unnest(:followers, :followees) AS t(follower_id, followee_id)
                         WHERE NOT EXISTS (SELECT 1 FROM user_erasure e WHERE e.user_id IN (t.follower_id, t.followee_id))),
                     added AS (
                         INSERT INTO {g}.home_feed_follower (followee_id, follower_id)
                         SELECT followee_id, follower_id FROM input
                         ON CONFLICT DO NOTHING
                         RETURNING followee_id, follower_id),
                     counts AS (SELECT followee_id AS author_id, count(*) AS n FROM added GROUP BY followee_id),
                     before AS (SELECT author_id, pulled FROM {g}.home_feed_author WHERE author_id IN (SELECT author_id FROM counts)),
                     after AS (
                         INSERT INTO {g}.home_feed_author (author_id, followers, pulled)
                         SELECT author_id, n, n > :threshold FROM counts
                         ON CONFLICT (author_id) DO UPDATE
                         SET followers = home_feed_author.followers + excluded.followers,
                             pulled = home_feed_author.followers + excluded.followers > :threshold
                         RETURNING author_id, pulled),
                     backfill AS (
                         INSERT INTO {g}.user_feed (viewer_id, post_id, author_id, post_preview, created_at, expires_at)
                         SELECT added.follower_id, p.post_id, p.author_id, p.text, p.created_at, p.expires_at
                         FROM added
                         JOIN after ON after.author_id = added.followee_id AND NOT after.pulled
                         JOIN {g}.home_feed_viewer w ON w.viewer_id = added.follower_id
                         JOIN {g}.home_feed_post p ON p.author_id = added.followee_id AND NOT p.deleted
                                                  AND (p.created_at, p.post_id) >= (w.floor_at, w.floor_id)
                         ON CONFLICT DO NOTHING
                         RETURNING viewer_id),
                     %s
                SELECT (SELECT array_agg(after.author_id) FROM after LEFT JOIN before USING (author_id)
                        WHERE after.pulled AND NOT coalesce(before.pulled, false)), %s"""
                .formatted(WindowCounts.added("deltas", "backfill"), WindowCounts.columns("deltas"))))
                .param("followers", bigints(follows, Follow::followerId))
                .param("followees", bigints(follows, Follow::followeeId))
                .param("threshold", threshold)
                .query((rs, i) -> {
                    counts.add(rs, 2);
                    return SqlArrays.longs(rs.getArray(1));
                })
                .single();
    }

    /**
     * Authors that fell back under the threshold: their live posts are fanned out to every follower's window again.
     */
    void push(String schema, List<Long> authors, WindowCounts counts) {
        if (authors.isEmpty()) {
            return;
        }
        jdbc.sql(GenerationSql.in(schema, """
                WITH pushed AS (
                         INSERT INTO {g}.user_feed (viewer_id, post_id, author_id, post_preview, created_at, expires_at)
                         SELECT f.follower_id, p.post_id, p.author_id, p.text, p.created_at, p.expires_at
                         FROM {g}.home_feed_follower f
                         JOIN {g}.home_feed_viewer w ON w.viewer_id = f.follower_id
                         JOIN {g}.home_feed_post p ON p.author_id = f.followee_id AND NOT p.deleted
                                                  AND (p.created_at, p.post_id) >= (w.floor_at, w.floor_id)
                         WHERE f.followee_id = ANY(:authors)
                         ON CONFLICT DO NOTHING
                         RETURNING viewer_id),
                     %s
                SELECT %s""".formatted(WindowCounts.added("deltas", "pushed"), WindowCounts.columns("deltas"))))
                .param("authors", bigints(authors))
                .query((rs, i) -> {
                    counts.add(rs, 1);
                    counts.recount(SqlArrays.longs(rs.getArray(1)));
                    return null;
                })
                .list();
    }
}
