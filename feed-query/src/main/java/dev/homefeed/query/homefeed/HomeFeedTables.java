package dev.homefeed.query.homefeed;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.function.ToLongFunction;

import dev.homefeed.query.homefeed.HomeFeedChanges.Deleted;
import dev.homefeed.query.homefeed.HomeFeedChanges.Edited;
import dev.homefeed.query.homefeed.HomeFeedChanges.Followed;
import dev.homefeed.query.homefeed.HomeFeedChanges.Published;
import dev.homefeed.query.homefeed.HomeFeedChanges.Unfollowed;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.SqlArrayValue;
import org.springframework.stereotype.Repository;

/**
 * The home-feed projection's SQL. Every statement is idempotent (upserts, {@code ON CONFLICT DO NOTHING}, deletes,
 * fan-out of posts new to the projection only), so an event applied twice changes nothing, and set-based: one or two
 * statements for a whole run of like changes (see {@link HomeFeedChanges}), whatever their number and the follower
 * counts.
 */
@Repository
class HomeFeedTables {

    private final JdbcClient jdbc;

    HomeFeedTables(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Copies the posts and fans each one out to its author's feed and, unless the author is pulled at read time, to
     * every follower's, in one statement. Only posts new to {@code home_feed_post} are fanned out: a redelivered
     * event changes nothing, a tombstone stays one, and a new post can have no feed rows yet (every feed row is made
     * from its post's copy), so the feed rows need no conflict check, which measured a third of their cost.
     */
    void publish(List<Published> posts) {
        jdbc.sql("""
                WITH added AS (
                    INSERT INTO home_feed_post (post_id, author_id, text, version, created_at, expires_at, deleted)
                    SELECT post_id, author_id, text, 1, created_at::timestamptz, expires_at::timestamptz, false
                    FROM unnest(:posts, :authors, :texts, :created, :expires) AS t(post_id, author_id, text, created_at, expires_at)
                    ON CONFLICT (post_id) DO NOTHING
                    RETURNING post_id, author_id, text, created_at, expires_at)
                INSERT INTO user_feed (viewer_id, post_id, author_id, post_preview, created_at, expires_at)
                SELECT v.viewer_id, p.post_id, p.author_id, p.text, p.created_at, p.expires_at
                FROM added p
                CROSS JOIN LATERAL (
                    SELECT p.author_id AS viewer_id
                    UNION ALL
                    SELECT f.follower_id FROM home_feed_follower f
                    WHERE f.followee_id = p.author_id
                      AND NOT EXISTS (SELECT 1 FROM home_feed_author a WHERE a.author_id = p.author_id AND a.pulled)
                ) v
                ORDER BY v.viewer_id, p.created_at, p.post_id""")
                .param("posts", array("bigint", longs(posts, Published::postId)))
                .param("authors", array("bigint", longs(posts, Published::authorId)))
                .param("texts", array("text", posts.stream().map(Published::text).toArray()))
                .param("created", array("text", posts.stream().map(p -> p.createdAt().toString()).toArray()))
                .param("expires", array("text", posts.stream().map(p -> p.expiresAt() == null ? null : p.expiresAt().toString()).toArray()))
                .update();
    }

    /**
     * The feeds that hold a post, for each post of the named CTE (with {@code post_id}, {@code author_id},
     * {@code created_at}): its author's, and every follower's unless the author is pulled at read time. Fan-out,
     * backfill, unfollow and the threshold crossings keep every row of a post within these feeds, so edits and deletes
     * find the rows by primary key, and fan-out maintains no index on {@code post_id} for every row it writes.
     */
    private static String holders(String posts) {
        return """
                holders AS (
                    SELECT c.post_id, c.created_at, c.author_id AS viewer_id FROM %1$s c
                    UNION ALL
                    SELECT c.post_id, c.created_at, f.follower_id FROM %1$s c
                    JOIN home_feed_follower f ON f.followee_id = c.author_id
                    WHERE NOT EXISTS (SELECT 1 FROM home_feed_author a WHERE a.author_id = c.author_id AND a.pulled))"""
                .formatted(posts);
    }

    private static final String EDIT_SQL = """
            WITH edit AS (SELECT * FROM unnest(:posts, :texts, :versions) AS t(post_id, text, version)),
                 changed AS (
                     UPDATE home_feed_post p SET text = edit.text, version = edit.version
                     FROM edit
                     WHERE p.post_id = edit.post_id AND p.version < edit.version AND NOT p.deleted
                     RETURNING p.post_id, p.author_id, p.created_at, p.text),
                 %s
            UPDATE user_feed u SET post_preview = changed.text
            FROM holders h JOIN changed USING (post_id)
            WHERE u.viewer_id = h.viewer_id AND u.created_at = h.created_at AND u.post_id = h.post_id"""
            .formatted(holders("changed"));

    private static final String DELETE_SQL = """
            WITH tombstones AS (
                     UPDATE home_feed_post SET deleted = true, text = NULL WHERE post_id = ANY(:posts)
                     RETURNING post_id, author_id, created_at),
                 %s
            DELETE FROM user_feed u USING holders h
            WHERE u.viewer_id = h.viewer_id AND u.created_at = h.created_at AND u.post_id = h.post_id"""
            .formatted(holders("tombstones"));

    /** At most one edit per post (the caller keeps the highest version). */
    void edit(List<Edited> edits) {
        jdbc.sql(EDIT_SQL)
                .param("posts", array("bigint", longs(edits, Edited::postId)))
                .param("texts", array("text", edits.stream().map(Edited::text).toArray()))
                .param("versions", array("bigint", longs(edits, Edited::version)))
                .update();
    }

    void delete(List<Deleted> deletes) {
        jdbc.sql(DELETE_SQL)
                .param("posts", array("bigint", longs(deletes, Deleted::postId)))
                .update();
    }

    /**
     * Adds the follows, counts each followee's new followers, and backfills the new followers' feeds with the posts of
     * followees that are still fanned out, in one statement; followees that crossed the threshold are then pulled.
     * Counts only grow here, so the outcome equals applying the follows one by one.
     */
    void follow(List<Followed> follows, int threshold) {
        List<Long> crossedUp = jdbc.sql("""
                WITH input AS (
                         SELECT DISTINCT follower_id, followee_id
                         FROM unnest(:followers, :followees) AS t(follower_id, followee_id)),
                     added AS (
                         INSERT INTO home_feed_follower (followee_id, follower_id)
                         SELECT followee_id, follower_id FROM input
                         ON CONFLICT DO NOTHING
                         RETURNING followee_id, follower_id),
                     counts AS (SELECT followee_id AS author_id, count(*) AS n FROM added GROUP BY followee_id),
                     before AS (SELECT author_id, pulled FROM home_feed_author WHERE author_id IN (SELECT author_id FROM counts)),
                     after AS (
                         INSERT INTO home_feed_author (author_id, followers, pulled)
                         SELECT author_id, n, n > :threshold FROM counts
                         ON CONFLICT (author_id) DO UPDATE
                         SET followers = home_feed_author.followers + excluded.followers,
                             pulled = home_feed_author.followers + excluded.followers > :threshold
                         RETURNING author_id, pulled),
                     backfill AS (
                         INSERT INTO user_feed (viewer_id, post_id, author_id, post_preview, created_at, expires_at)
                         SELECT added.follower_id, p.post_id, p.author_id, p.text, p.created_at, p.expires_at
                         FROM added
                         JOIN after ON after.author_id = added.followee_id AND NOT after.pulled
                         JOIN home_feed_post p ON p.author_id = added.followee_id AND NOT p.deleted
                         ON CONFLICT DO NOTHING)
                SELECT after.author_id FROM after LEFT JOIN before USING (author_id)
                WHERE after.pulled AND NOT coalesce(before.pulled, false)""")
                .param("followers", array("bigint", longs(follows, Followed::followerId)))
                .param("followees", array("bigint", longs(follows, Followed::followeeId)))
                .param("threshold", threshold)
                .query(Long.class)
                .list();
        if (!crossedUp.isEmpty()) {
            // Their posts leave their followers' feeds; reads pull them instead.
            jdbc.sql("""
                    DELETE FROM user_feed u USING home_feed_follower f
                    WHERE f.followee_id = ANY(:authors) AND u.viewer_id = f.follower_id AND u.author_id = f.followee_id""")
                    .param("authors", array("bigint", crossedUp.toArray(Long[]::new)))
                    .update();
        }
    }

    /**
     * Removes the follows and the followees' posts from the unfollowers' feeds, and counts each followee's lost
     * followers, in one statement; followees that fell back under the threshold are then fanned out to every
     * follower again. Counts only shrink here, so the outcome equals applying the unfollows one by one.
     */
    void unfollow(List<Unfollowed> unfollows, int threshold) {
        List<Long> crossedDown = jdbc.sql("""
                WITH input AS (
                         SELECT DISTINCT follower_id, followee_id
                         FROM unnest(:followers, :followees) AS t(follower_id, followee_id)),
                     removed AS (
                         DELETE FROM home_feed_follower f USING input
                         WHERE f.followee_id = input.followee_id AND f.follower_id = input.follower_id
                         RETURNING f.followee_id),
                     cleared AS (
                         DELETE FROM user_feed u USING input
                         WHERE u.viewer_id = input.follower_id AND u.author_id = input.followee_id),
                     counts AS (SELECT followee_id AS author_id, count(*) AS n FROM removed GROUP BY followee_id),
                     before AS (SELECT author_id, pulled FROM home_feed_author WHERE author_id IN (SELECT author_id FROM counts)),
                     after AS (
                         UPDATE home_feed_author a
                         SET followers = a.followers - counts.n, pulled = a.followers - counts.n > :threshold
                         FROM counts WHERE a.author_id = counts.author_id
                         RETURNING a.author_id, a.pulled)
                SELECT after.author_id FROM after JOIN before USING (author_id)
                WHERE before.pulled AND NOT after.pulled""")
                .param("followers", array("bigint", longs(unfollows, Unfollowed::followerId)))
                .param("followees", array("bigint", longs(unfollows, Unfollowed::followeeId)))
                .param("threshold", threshold)
                .query(Long.class)
                .list();
        if (!crossedDown.isEmpty()) {
            jdbc.sql("""
                    INSERT INTO user_feed (viewer_id, post_id, author_id, post_preview, created_at, expires_at)
                    SELECT f.follower_id, p.post_id, p.author_id, p.text, p.created_at, p.expires_at
                    FROM home_feed_follower f
                    JOIN home_feed_post p ON p.author_id = f.followee_id AND NOT p.deleted
                    WHERE f.followee_id = ANY(:authors)
                    ON CONFLICT DO NOTHING""")
                    .param("authors", array("bigint", crossedDown.toArray(Long[]::new)))
                    .update();
        }
    }

    void truncate() {
        jdbc.sql("TRUNCATE user_feed, home_feed_post, home_feed_follower, home_feed_author").update();
    }

    private static <T> Long[] longs(List<T> items, ToLongFunction<T> value) {
        Long[] values = new Long[items.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = value.applyAsLong(items.get(i));
        }
        return values;
    }

    /** An array parameter, unnested in SQL: one statement for any number of changes. */
    private static SqlArrayValue array(String elementType, Object[] elements) {
        return new SqlArrayValue(elementType, elements);
    }

    /** timestamptz parameters as OffsetDateTime: independent of the JVM's time zone. */
    static OffsetDateTime ts(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }
}
