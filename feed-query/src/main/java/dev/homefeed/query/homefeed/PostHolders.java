package dev.homefeed.query.homefeed;

/**
 * The feeds that hold a post: its author's, and every follower's unless the author is pulled at read time. Fan-out,
 * backfill, unfollow and the threshold crossings keep every row of a post within these feeds, so edits and deletes
 * find the rows by primary key, and fan-out maintains no index on {@code post_id} for every row it writes.
 */
final class PostHolders {

    private PostHolders() {
    }

    /** A CTE {@code holders (post_id, created_at, viewer_id)} for each post of the named CTE. */
    static String of(String posts) {
        return """
                holders AS (
                    SELECT c.post_id, c.created_at, c.author_id AS viewer_id FROM %1$s c
                    UNION ALL
                    SELECT c.post_id, c.created_at, f.follower_id FROM %1$s c
                    JOIN {g}.home_feed_follower f ON f.followee_id = c.author_id
                    WHERE NOT EXISTS (SELECT 1 FROM {g}.home_feed_author a WHERE a.author_id = c.author_id AND a.pulled))"""
                .formatted(posts);
    }
}
