package dev.homefeed.query.homefeed;

import static dev.homefeed.query.homefeed.SqlArrays.bigints;

import java.util.List;

import dev.homefeed.projection.generation.GenerationSql;
import dev.homefeed.query.homefeed.HomeFeedChange.Follow;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Follows bring the followee's live posts into the follower's feed; authors back under the threshold are pushed again. */
@Repository
class Backfill {

    private final JdbcClient jdbc;

    Backfill(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Adds the follows, counts each followee's new followers, and backfills the new followers' feeds with the posts of
     * followees that are still fanned out, in one statement. Counts only grow here, so the outcome equals applying
     * the follows one by one.
     *
     * @return the followees that crossed the threshold and are pulled at read time from now on
     */
    List<Long> follow(String schema, List<Follow> follows, int threshold) {
        return jdbc.sql(GenerationSql.in(schema, """
                WITH input AS (
                         SELECT DISTINCT follower_id, followee_id
                         FROM unnest(:followers, :followees) AS t(follower_id, followee_id)),
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
                         JOIN {g}.home_feed_post p ON p.author_id = added.followee_id AND NOT p.deleted
                         ON CONFLICT DO NOTHING)
                SELECT after.author_id FROM after LEFT JOIN before USING (author_id)
                WHERE after.pulled AND NOT coalesce(before.pulled, false)"""))
                .param("followers", bigints(follows, Follow::followerId))
                .param("followees", bigints(follows, Follow::followeeId))
                .param("threshold", threshold)
                .query(Long.class)
                .list();
    }

    /** Authors that fell back under the threshold: their live posts are fanned out to every follower again. */
    int push(String schema, List<Long> authors) {
        if (authors.isEmpty()) {
            return 0;
        }
        return jdbc.sql(GenerationSql.in(schema, """
                INSERT INTO {g}.user_feed (viewer_id, post_id, author_id, post_preview, created_at, expires_at)
                SELECT f.follower_id, p.post_id, p.author_id, p.text, p.created_at, p.expires_at
                FROM {g}.home_feed_follower f
                JOIN {g}.home_feed_post p ON p.author_id = f.followee_id AND NOT p.deleted
                WHERE f.followee_id = ANY(:authors)
                ON CONFLICT DO NOTHING"""))
                .param("authors", bigints(authors))
                .update();
    }
}
