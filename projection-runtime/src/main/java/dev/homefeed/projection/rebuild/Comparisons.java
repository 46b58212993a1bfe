package dev.homefeed.projection.rebuild;

import java.util.List;

import dev.homefeed.projection.Projection.ComparedRows;
import dev.homefeed.projection.Projections;
import dev.homefeed.projection.api.GenerationComparison;
import dev.homefeed.projection.api.GenerationComparison.ViewerDifference;
import dev.homefeed.projection.generation.Generation;
import dev.homefeed.projection.generation.GenerationSql;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Compares two generations row by row, every owner, in set-based SQL: a full join on the rows' keys, on what the
 * projection names as its {@link ComparedRows}. The caller runs it in one repeatable-read transaction while the
 * serving processor writes both generations in the same transactions, so both stand at the same event position.
 */
@Component
class Comparisons {

    private static final int SAMPLE = 20;

    private static final String DIFFERENCES = """
            WITH s AS (%s), r AS (%s),
                 d AS (SELECT coalesce(s.owner_id, r.owner_id) AS owner_id,
                              r.owner_id IS NULL AS only_serving,
                              s.owner_id IS NULL AS only_rebuilt,
                              s.owner_id IS NOT NULL AND r.owner_id IS NOT NULL AND s.content IS DISTINCT FROM r.content AS changed
                       FROM s FULL JOIN r ON s.owner_id = r.owner_id AND s.key_at IS NOT DISTINCT FROM r.key_at
                                          AND s.key_id = r.key_id)
            SELECT owner_id, count(*) FILTER (WHERE only_serving) AS only_serving,
                   count(*) FILTER (WHERE only_rebuilt) AS only_rebuilt, count(*) FILTER (WHERE changed) AS changed
            FROM d WHERE only_serving OR only_rebuilt OR changed
            GROUP BY owner_id""";

    private final JdbcClient jdbc;
    private final Projections projections;

    Comparisons(JdbcClient jdbc, Projections projections) {
        this.jdbc = jdbc;
        this.projections = projections;
    }

    GenerationComparison compare(String projection, int serving, int rebuilt, long position) {
        ComparedRows compared = projections.get(projection).comparedRows();
        String servingRows = GenerationSql.in(Generation.schema(projection, serving), compared.keyedRows());
        String rebuiltRows = GenerationSql.in(Generation.schema(projection, rebuilt), compared.keyedRows());
        String differences = DIFFERENCES.formatted(servingRows, rebuiltRows);
        List<ViewerDifference> sample = jdbc.sql("SELECT * FROM (" + differences + ") v ORDER BY owner_id LIMIT " + SAMPLE)
                .query((rs, i) -> new ViewerDifference(Long.toString(rs.getLong(1)), rs.getLong(2), rs.getLong(3), rs.getLong(4)))
                .list();
        record Totals(long viewers, long onlyServing, long onlyRebuilt, long changed) {
        }
        Totals totals = sample.isEmpty() ? new Totals(0, 0, 0, 0) : jdbc.sql("""
                SELECT count(*), coalesce(sum(only_serving), 0), coalesce(sum(only_rebuilt), 0), coalesce(sum(changed), 0)
                FROM (""" + differences + ") v")
                .query((rs, i) -> new Totals(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4))).single();
        long owners = jdbc.sql("SELECT count(*) FROM (SELECT owner_id FROM (%s) s UNION SELECT owner_id FROM (%s) r) v"
                        .formatted(servingRows, rebuiltRows))
                .query(Long.class).single();
        long whole = wholeRowsDiffering(projection, compared.wholeRows(), serving, rebuilt);
        return new GenerationComparison(position, owners, totals.viewers(), totals.onlyServing(), totals.onlyRebuilt(),
                totals.changed(), sample, whole);
    }

    private long wholeRowsDiffering(String projection, List<String> queries, int serving, int rebuilt) {
        long differing = 0;
        for (String rows : queries) {
            String s = GenerationSql.in(Generation.schema(projection, serving), rows);
            String r = GenerationSql.in(Generation.schema(projection, rebuilt), rows);
            differing += jdbc.sql("SELECT count(*) FROM ((%1$s EXCEPT ALL %2$s) UNION ALL (%2$s EXCEPT ALL %1$s)) d"
                    .formatted(s, r)).query(Long.class).single();
        }
        return differing;
    }
}
