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
        String servingSchema = Generation.schema(projection, serving);
        String rebuiltSchema = Generation.schema(projection, rebuilt);
        String servingRows = GenerationSql.in(servingSchema, compared.keyedRows());
        String rebuiltRows = GenerationSql.in(rebuiltSchema, compared.keyedRows());
        if (compared.ownerFloors() != null) {
            String floors = bothFloors(GenerationSql.in(servingSchema, compared.ownerFloors()),
                    GenerationSql.in(rebuiltSchema, compared.ownerFloors()));
            servingRows = aboveFloors(servingRows, floors);
            rebuiltRows = aboveFloors(rebuiltRows, floors);
        }
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

    /** Whether the rebuilt generation may be compared yet (its projection's {@code readyWhen}). */
    boolean ready(String projection, int rebuilt) {
        String readyWhen = projections.get(projection).comparedRows().readyWhen();
        return readyWhen == null || Boolean.TRUE.equals(jdbc.sql("SELECT " + GenerationSql.in(Generation.schema(projection, rebuilt), readyWhen))
                .query(Boolean.class).single());
    }

    /** The owners both generations keep, each with the higher of its two floors. */
    private static String bothFloors(String serving, String rebuilt) {
        return """
                SELECT s.owner_id,
                       CASE WHEN (s.floor_at, s.floor_id) >= (r.floor_at, r.floor_id) THEN s.floor_at ELSE r.floor_at END AS floor_at,
                       CASE WHEN (s.floor_at, s.floor_id) >= (r.floor_at, r.floor_id) THEN s.floor_id ELSE r.floor_id END AS floor_id
                FROM (%s) s JOIN (%s) r ON r.owner_id = s.owner_id""".formatted(serving, rebuilt);
    }

    private static String aboveFloors(String rows, String floors) {
        return """
                SELECT k.* FROM (%s) k JOIN (%s) f ON f.owner_id = k.owner_id
                WHERE (k.key_at, k.key_id) >= (f.floor_at, f.floor_id)""".formatted(rows, floors);
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
