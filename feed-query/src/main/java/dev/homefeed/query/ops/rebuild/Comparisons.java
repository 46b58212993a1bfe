package dev.homefeed.query.ops.rebuild;

import java.util.List;

import dev.homefeed.query.api.GenerationComparison;
import dev.homefeed.query.api.GenerationComparison.ViewerDifference;
import dev.homefeed.query.api.ProjectionNames;
import dev.homefeed.query.ops.generation.Generation;
import dev.homefeed.query.ops.generation.GenerationSql;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Compares two generations row by row, every viewer, in set-based SQL: a full join on each table's primary key.
 * The caller runs it in one repeatable-read transaction while the serving processor writes both generations in the
 * same transactions, so both stand at the same event position. Rows already expired are left out: the purge removes
 * them from each generation on its own schedule, and no reader sees them.
 */
@Component
class Comparisons {

    private static final int SAMPLE = 20;

    /** Per projection: the rows of one generation {@code {g}}, keyed by viewer, with the columns a reader sees. */
    private static final String FEED_ROWS = """
            SELECT viewer_id, created_at, post_id, (author_id, post_preview, expires_at) AS content
            FROM {g}.user_feed WHERE expires_at IS NULL OR expires_at > now()""";
    private static final String MARKER_ROWS = """
            SELECT viewer_id, NULL::timestamptz AS created_at, 0::bigint AS post_id,
                   (last_seen_post_id, last_seen_at, updated_at) AS content
            FROM {g}.feed_cursor""";

    private static final String DIFFERENCES = """
            WITH s AS (%s), r AS (%s),
                 d AS (SELECT coalesce(s.viewer_id, r.viewer_id) AS viewer_id,
                              r.viewer_id IS NULL AS only_serving,
                              s.viewer_id IS NULL AS only_rebuilt,
                              s.viewer_id IS NOT NULL AND r.viewer_id IS NOT NULL AND s.content IS DISTINCT FROM r.content AS changed
                       FROM s FULL JOIN r ON s.viewer_id = r.viewer_id AND s.created_at IS NOT DISTINCT FROM r.created_at
                                          AND s.post_id = r.post_id)
            SELECT viewer_id, count(*) FILTER (WHERE only_serving) AS only_serving,
                   count(*) FILTER (WHERE only_rebuilt) AS only_rebuilt, count(*) FILTER (WHERE changed) AS changed
            FROM d WHERE only_serving OR only_rebuilt OR changed
            GROUP BY viewer_id""";

    /**
     * The home feed's other tables, compared whole: the posts a pulled author's readers merge in (live ones: expired
     * posts are purged on each generation's own schedule), the follower lists and the authors' fan-out modes.
     */
    private static final List<String> SUPPORT_ROWS = List.of(
            "SELECT * FROM {g}.home_feed_post WHERE expires_at IS NULL OR expires_at > now()",
            "SELECT * FROM {g}.home_feed_follower",
            "SELECT * FROM {g}.home_feed_author");

    private final JdbcClient jdbc;

    Comparisons(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    GenerationComparison compare(String projection, int serving, int rebuilt, long position) {
        String rows = projection.equals(ProjectionNames.HOME_FEED) ? FEED_ROWS : MARKER_ROWS;
        String servingRows = GenerationSql.in(Generation.schema(projection, serving), rows);
        String rebuiltRows = GenerationSql.in(Generation.schema(projection, rebuilt), rows);
        String differences = DIFFERENCES.formatted(servingRows, rebuiltRows);
        List<ViewerDifference> sample = jdbc.sql("SELECT * FROM (" + differences + ") v ORDER BY viewer_id LIMIT " + SAMPLE)
                .query((rs, i) -> new ViewerDifference(Long.toString(rs.getLong(1)), rs.getLong(2), rs.getLong(3), rs.getLong(4)))
                .list();
        record Totals(long viewers, long onlyServing, long onlyRebuilt, long changed) {
        }
        Totals totals = sample.isEmpty() ? new Totals(0, 0, 0, 0) : jdbc.sql("""
                SELECT count(*), coalesce(sum(only_serving), 0), coalesce(sum(only_rebuilt), 0), coalesce(sum(changed), 0)
                FROM (""" + differences + ") v")
                .query((rs, i) -> new Totals(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4))).single();
        long viewers = jdbc.sql("SELECT count(*) FROM (SELECT viewer_id FROM (%s) s UNION SELECT viewer_id FROM (%s) r) v"
                        .formatted(servingRows, rebuiltRows))
                .query(Long.class).single();
        long support = projection.equals(ProjectionNames.HOME_FEED) ? supportRowsDiffering(projection, serving, rebuilt) : 0;
        return new GenerationComparison(position, viewers, totals.viewers(), totals.onlyServing(), totals.onlyRebuilt(),
                totals.changed(), sample, support);
    }

    private long supportRowsDiffering(String projection, int serving, int rebuilt) {
        long differing = 0;
        for (String rows : SUPPORT_ROWS) {
            String s = GenerationSql.in(Generation.schema(projection, serving), rows);
            String r = GenerationSql.in(Generation.schema(projection, rebuilt), rows);
            differing += jdbc.sql("SELECT count(*) FROM ((%1$s EXCEPT ALL %2$s) UNION ALL (%2$s EXCEPT ALL %1$s)) d"
                    .formatted(s, r)).query(Long.class).single();
        }
        return differing;
    }
}
