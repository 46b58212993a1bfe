package dev.homefeed.query.homefeed;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The home-feed projection's SQL. Every statement is idempotent (upserts, {@code ON CONFLICT DO NOTHING}, deletes),
 * so an event applied twice changes nothing, and set-based: one statement per event, whatever the follower count.
 */
@Repository
class HomeFeedTables {

    private final JdbcClient jdbc;

    HomeFeedTables(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void publish(long postId, long authorId, String text, Instant createdAt, Instant expiresAt) {
        jdbc.sql("""
                INSERT INTO home_feed_post (post_id, author_id, text, version, created_at, expires_at, deleted)
                VALUES (:post, :author, :text, 1, :created, :expires, false)
                ON CONFLICT (post_id) DO NOTHING""")
                .param("post", postId).param("author", authorId).param("text", text)
                .param("created", ts(createdAt)).param("expires", ts(expiresAt))
                .update();
        // The author's own feed, and every follower's unless the author is pulled at read time; nothing when the post
        // is already a tombstone (a redelivery).
        jdbc.sql("""
                INSERT INTO user_feed (viewer_id, post_id, author_id, post_preview, created_at, expires_at)
                SELECT v.viewer_id, p.post_id, p.author_id, p.text, p.created_at, p.expires_at
                FROM home_feed_post p
                CROSS JOIN LATERAL (
                    SELECT p.author_id AS viewer_id
                    UNION ALL
                    SELECT f.follower_id FROM home_feed_follower f
                    WHERE f.followee_id = p.author_id
                      AND NOT EXISTS (SELECT 1 FROM home_feed_author a WHERE a.author_id = p.author_id AND a.pulled)
                ) v
                WHERE p.post_id = :post AND NOT p.deleted
                ON CONFLICT DO NOTHING""")
                .param("post", postId)
                .update();
    }

    void edit(long postId, String text, long version) {
        int changed = jdbc.sql("""
                UPDATE home_feed_post SET text = :text, version = :version
                WHERE post_id = :post AND version < :version AND NOT deleted""")
                .param("post", postId).param("text", text).param("version", version)
                .update();
        if (changed > 0) {
            jdbc.sql("UPDATE user_feed SET post_preview = :text WHERE post_id = :post")
                    .param("post", postId).param("text", text)
                    .update();
        }
    }

    void delete(long postId) {
        jdbc.sql("UPDATE home_feed_post SET deleted = true, text = NULL WHERE post_id = :post")
                .param("post", postId)
                .update();
        jdbc.sql("DELETE FROM user_feed WHERE post_id = :post").param("post", postId).update();
    }

    void follow(long followerId, long followeeId, int threshold) {
        int added = jdbc.sql("""
                INSERT INTO home_feed_follower (followee_id, follower_id) VALUES (:followee, :follower)
                ON CONFLICT DO NOTHING""")
                .param("followee", followeeId).param("follower", followerId)
                .update();
        if (added == 0) {
            return;
        }
        Pull pull = countFollowers(followeeId, +1, threshold);
        if (pull.after() && !pull.before()) {
            stopFanningOut(followeeId);
        } else if (!pull.after()) {
            backfill("f.follower_id = :follower", followeeId, followerId);
        }
    }

    void unfollow(long followerId, long followeeId, int threshold) {
        int removed = jdbc.sql("DELETE FROM home_feed_follower WHERE followee_id = :followee AND follower_id = :follower")
                .param("followee", followeeId).param("follower", followerId)
                .update();
        jdbc.sql("DELETE FROM user_feed WHERE viewer_id = :follower AND author_id = :followee")
                .param("followee", followeeId).param("follower", followerId)
                .update();
        if (removed > 0) {
            Pull pull = countFollowers(followeeId, -1, threshold);
            if (pull.before() && !pull.after()) {
                backfill("true", followeeId, followerId);
            }
        }
    }

    /** Whether an author was pulled at read time before and after a change of their follower count. */
    private record Pull(boolean before, boolean after) {
    }

    private Pull countFollowers(long authorId, int delta, int threshold) {
        return jdbc.sql("""
                WITH before AS (SELECT pulled FROM home_feed_author WHERE author_id = :author),
                     after AS (
                         INSERT INTO home_feed_author (author_id, followers, pulled)
                         VALUES (:author, greatest(:delta, 0), greatest(:delta, 0) > :threshold)
                         ON CONFLICT (author_id) DO UPDATE
                         SET followers = home_feed_author.followers + :delta,
                             pulled = home_feed_author.followers + :delta > :threshold
                         RETURNING pulled)
                SELECT coalesce(before.pulled, false), after.pulled FROM after LEFT JOIN before ON true""")
                .param("author", authorId).param("delta", delta).param("threshold", threshold)
                .query((rs, i) -> new Pull(rs.getBoolean(1), rs.getBoolean(2)))
                .single();
    }

    /** The author just crossed the threshold: their posts leave their followers' feeds, reads pull them instead. */
    private void stopFanningOut(long authorId) {
        jdbc.sql("""
                DELETE FROM user_feed u USING home_feed_follower f
                WHERE f.followee_id = :author AND u.viewer_id = f.follower_id AND u.author_id = :author""")
                .param("author", authorId)
                .update();
    }

    /** Copies the author's live posts into the feeds of the followers the condition selects, in one statement. */
    private void backfill(String followerCondition, long authorId, long followerId) {
        jdbc.sql("""
                INSERT INTO user_feed (viewer_id, post_id, author_id, post_preview, created_at, expires_at)
                SELECT f.follower_id, p.post_id, p.author_id, p.text, p.created_at, p.expires_at
                FROM home_feed_follower f
                JOIN home_feed_post p ON p.author_id = f.followee_id AND NOT p.deleted
                WHERE f.followee_id = :author AND %s
                ON CONFLICT DO NOTHING""".formatted(followerCondition))
                .param("author", authorId).param("follower", followerId)
                .update();
    }

    void truncate() {
        jdbc.sql("TRUNCATE user_feed, home_feed_post, home_feed_follower, home_feed_author").update();
    }

    /** timestamptz parameters as OffsetDateTime: independent of the JVM's time zone. */
    static OffsetDateTime ts(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }
}
