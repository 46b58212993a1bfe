package dev.homefeed.query.homefeed;

import static dev.homefeed.query.homefeed.SqlArrays.bigints;

import java.util.List;

import dev.homefeed.projection.generation.GenerationSql;
import dev.homefeed.query.homefeed.HomeFeedChange.Delete;
import dev.homefeed.query.homefeed.HomeFeedChange.Erase;
import dev.homefeed.query.homefeed.HomeFeedChange.Unfollow;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.SqlArrayValue;
import org.springframework.stereotype.Repository;

/** Deletes and unfollows take rows out of feeds; authors over the threshold leave their followers' feeds. */
@Repository
class Removal {

    private static final String DELETE_SQL = """
            WITH tombstones AS (
                     UPDATE {g}.home_feed_post SET deleted = true, text = NULL WHERE post_id = ANY(:posts)
                     RETURNING post_id, author_id, created_at),
                 %s,
                 removed AS (
                     DELETE FROM {g}.user_feed u USING holders h
                     WHERE u.viewer_id = h.viewer_id AND u.created_at = h.created_at AND u.post_id = h.post_id
                     RETURNING u.viewer_id, u.created_at, u.post_id),
                 %s
            SELECT %s"""
            .formatted(PostHolders.of("tombstones"), WindowCounts.removed("deltas", "removed"), WindowCounts.columns("deltas"));

    private final JdbcClient jdbc;
    private final FeedWindows windows;

    Removal(JdbcClient jdbc, FeedWindows windows) {
        this.jdbc = jdbc;
        this.windows = windows;
    }

    /** The post's copy becomes a tombstone, so a redelivered publish cannot bring it back, and its rows go. */
    void delete(String schema, List<Delete> deletes, WindowCounts counts) {
        jdbc.sql(GenerationSql.in(schema, DELETE_SQL)).param("posts", bigints(deletes, Delete::postId))
                .query((rs, i) -> {
                    counts.add(rs, 1);
                    return null;
                })
                .list();
    }

    /**
     * Removes the follows and the followees' posts from the unfollowers' feeds, and counts each followee's lost
     * followers, in one statement. Counts only shrink here, so the outcome equals applying the unfollows one by one.
     *
     * @return the followees that fell back under the threshold and are fanned out again from now on
     */
    List<Long> unfollow(String schema, List<Unfollow> unfollows, int threshold, WindowCounts counts) {
        return jdbc.sql(GenerationSql.in(schema, """
                WITH input AS (
                         SELECT DISTINCT follower_id, followee_id
                         FROM unnest(:followers, :followees) AS t(follower_id, followee_id)),
                     removed AS (
                         DELETE FROM {g}.home_feed_follower f USING input
                         WHERE f.followee_id = input.followee_id AND f.follower_id = input.follower_id
                         RETURNING f.followee_id),
                     cleared AS (
                         DELETE FROM {g}.user_feed u USING input
                         WHERE u.viewer_id = input.follower_id AND u.author_id = input.followee_id
                         RETURNING u.viewer_id, u.created_at, u.post_id),
                     %s,
                     counts AS (SELECT followee_id AS author_id, count(*) AS n FROM removed GROUP BY followee_id),
                     before AS (SELECT author_id, pulled FROM {g}.home_feed_author WHERE author_id IN (SELECT author_id FROM counts)),
                     after AS (
                         UPDATE {g}.home_feed_author a
                         SET followers = a.followers - counts.n, pulled = a.followers - counts.n > :threshold
                         FROM counts WHERE a.author_id = counts.author_id
                         RETURNING a.author_id, a.pulled)
                SELECT (SELECT array_agg(after.author_id) FROM after JOIN before USING (author_id)
                        WHERE before.pulled AND NOT after.pulled), %s"""
                .formatted(WindowCounts.removed("deltas", "cleared"), WindowCounts.columns("deltas"))))
                .param("followers", bigints(unfollows, Unfollow::followerId))
                .param("followees", bigints(unfollows, Unfollow::followeeId))
                .param("threshold", threshold)
                .query((rs, i) -> {
                    counts.add(rs, 2);
                    return SqlArrays.longs(rs.getArray(1));
                })
                .single();
    }

    /** Authors that crossed the threshold: their posts leave their followers' feeds, and reads pull them instead. */
    void pull(String schema, List<Long> authors, WindowCounts counts) {
        if (authors.isEmpty()) {
            return;
        }
        jdbc.sql(GenerationSql.in(schema, """
                WITH removed AS (
                         DELETE FROM {g}.user_feed u USING {g}.home_feed_follower f
                         WHERE f.followee_id = ANY(:authors) AND u.viewer_id = f.follower_id AND u.author_id = f.followee_id
                         RETURNING u.viewer_id, u.created_at, u.post_id),
                     %s
                SELECT %s""".formatted(WindowCounts.removed("deltas", "removed"), WindowCounts.columns("deltas"))))
                .param("authors", bigints(authors))
                .query((rs, i) -> {
                    counts.add(rs, 1);
                    return null;
                })
                .list();
    }

    /**
     * Erased users leave the generation: their follows end both ways (as unfollows, so counts and thresholds follow),
     * their posts become tombstones without text and leave every feed, and their own window and rows go.
     *
     * @return the followees that fell back under the threshold and are fanned out again from now on
     */
    List<Long> erase(String schema, List<Erase> erasures, int threshold, WindowCounts counts) {
        SqlArrayValue users = bigints(erasures, Erase::userId);
        List<Unfollow> follows = jdbc.sql(GenerationSql.in(schema, """
                SELECT follower_id, followee_id FROM {g}.home_feed_follower
                WHERE follower_id = ANY(:users) OR followee_id = ANY(:users)"""))
                .param("users", users)
                .query((rs, i) -> new Unfollow(rs.getLong(1), rs.getLong(2)))
                .list();
        List<Long> pushed = follows.isEmpty() ? List.of() : unfollow(schema, follows, threshold, counts);
        List<Delete> posts = jdbc.sql(GenerationSql.in(schema, "SELECT post_id FROM {g}.home_feed_post WHERE author_id = ANY(:users) AND NOT deleted"))
                .param("users", users)
                .query((rs, i) -> new Delete(rs.getLong(1)))
                .list();
        if (!posts.isEmpty()) {
            delete(schema, posts, counts);
        }
        jdbc.sql(GenerationSql.in(schema, "DELETE FROM {g}.home_feed_author WHERE author_id = ANY(:users)")).param("users", users).update();
        windows.drop(schema, erasures.stream().map(Erase::userId).toList());
        // Not a generation's table, so every generation's erasure finds it gone after the first: that is harmless.
        jdbc.sql("DELETE FROM feed_viewer_activity WHERE viewer_id = ANY(:users)").param("users", users).update();
        return pushed.stream().filter(author -> erasures.stream().noneMatch(e -> e.userId() == author)).toList();
    }

    /** A replay starts from empty tables; the windows it keeps wait to be materialized once it has caught up. */
    void clear(String schema) {
        jdbc.sql(GenerationSql.in(schema, "TRUNCATE {g}.user_feed, {g}.home_feed_post, {g}.home_feed_follower, {g}.home_feed_author")).update();
        windows.allPending(schema);
    }
}
