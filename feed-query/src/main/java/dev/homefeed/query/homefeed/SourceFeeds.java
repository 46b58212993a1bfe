package dev.homefeed.query.homefeed;

import java.util.List;

import dev.homefeed.command.api.SourceTruth;
import dev.homefeed.projection.api.Reconciliation.ViewerReconciliation;
import dev.homefeed.projection.generation.GenerationSql;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.SqlArrayValue;
import org.springframework.stereotype.Repository;

/**
 * The home feed computed from source truth ({@link SourceTruth}: the command side's follows and posts, written in the
 * commands' own transactions), set against what the serving generation holds. Posts whose publish
 * event lies past the projection's position are left out, so a post not yet fanned out is not called missing.
 */
@Repository
class SourceFeeds {

    /**
     * Named CTEs {@code expected} and {@code actual}: live rows per viewer, keyed like user_feed. A generation keeps
     * only windows, so what it should hold is source truth's rows at or above each viewer's floor, and nothing for a
     * viewer without a materialized window.
     */
    private static final String ROWS = """
            WITH viewers AS (SELECT DISTINCT unnest(:viewers) AS viewer_id),
                 expected AS (SELECT e.* FROM (%s) e
                              JOIN home_feed_viewer w ON w.viewer_id = e.viewer_id
                              WHERE (e.created_at, e.post_id) >= (w.floor_at, w.floor_id)),
                 actual AS (SELECT u.viewer_id, u.post_id, u.created_at, u.author_id, u.post_preview AS text, u.expires_at
                            FROM user_feed u JOIN viewers v USING (viewer_id)
                            WHERE u.expires_at IS NULL OR u.expires_at > now())
            """.formatted(SourceTruth.feedRows("viewers"));

    private final JdbcClient jdbc;

    SourceFeeds(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The viewers whose rows differ, with their counts. */
    List<ViewerReconciliation> differences(List<Long> viewers, int threshold, long position) {
        return jdbc.sql(ROWS + """
                SELECT coalesce(e.viewer_id, a.viewer_id) AS viewer_id,
                       count(*) FILTER (WHERE a.post_id IS NULL) AS missing,
                       count(*) FILTER (WHERE e.post_id IS NULL) AS extra,
                       count(*) FILTER (WHERE e.post_id IS NOT NULL AND a.post_id IS NOT NULL
                                          AND (e.author_id, e.text, e.expires_at) IS DISTINCT FROM (a.author_id, a.text, a.expires_at)) AS changed
                FROM expected e FULL JOIN actual a
                     ON e.viewer_id = a.viewer_id AND e.created_at = a.created_at AND e.post_id = a.post_id
                GROUP BY 1
                HAVING count(*) FILTER (WHERE a.post_id IS NULL OR e.post_id IS NULL) > 0
                    OR count(*) FILTER (WHERE (e.author_id, e.text, e.expires_at) IS DISTINCT FROM (a.author_id, a.text, a.expires_at)) > 0
                ORDER BY 1""")
                .param("viewers", new SqlArrayValue("bigint", viewers.toArray()))
                .param("threshold", threshold)
                .param("position", position)
                .query((rs, i) -> new ViewerReconciliation(Long.toString(rs.getLong(1)), rs.getLong(2), rs.getLong(3),
                        rs.getLong(4), false))
                .list();
    }

    private static String inGeneration(String sql) {
        return sql.replace("FROM user_feed u", "FROM {g}.user_feed u").replace("JOIN home_feed_viewer w", "JOIN {g}.home_feed_viewer w");
    }

    /**
     * Rewrites one viewer's window in the generation {@code schema} as source truth has it above the floor, in the
     * caller's transaction (a later batch trims it if it grew past the window). Rows of posts past the position are
     * left to the projector, which fans them out without a conflict check.
     */
    void rewrite(String schema, long viewer, int threshold, long position) {
        jdbc.sql(GenerationSql.in(schema, """
                DELETE FROM {g}.user_feed u WHERE u.viewer_id = :viewer AND\s""" + SourceTruth.postPublishedBy("u.post_id")))
                .param("viewer", viewer).param("position", position).update();
        jdbc.sql(GenerationSql.in(schema, inGeneration(ROWS) + """
                INSERT INTO {g}.user_feed (viewer_id, post_id, author_id, post_preview, created_at, expires_at)
                SELECT viewer_id, post_id, author_id, text, created_at, expires_at FROM expected
                ON CONFLICT DO NOTHING"""))
                .param("viewers", new SqlArrayValue("bigint", viewer))
                .param("threshold", threshold).param("position", position).update();
        jdbc.sql(GenerationSql.in(schema, """
                UPDATE {g}.home_feed_viewer SET stored = (SELECT count(*) FROM {g}.user_feed WHERE viewer_id = :viewer)
                WHERE viewer_id = :viewer""")).param("viewer", viewer).update();
    }
}
