package dev.homefeed.query.homefeed;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How many rows a batch's statements added to or removed from each window of one generation. The statements only
 * report it; {@link FeedWindows#settle} applies it once at the end of the batch, under a lock of its own, so that two
 * segments never update the same viewers' counts in different orders.
 */
final class WindowCounts {

    private final Map<Long, Long> changes = new HashMap<>();
    private final Set<Long> recounted = new HashSet<>();

    /**
     * A statement's own part, as SQL for the last two columns of its result: the viewers (ascending) and their
     * changes, from the CTE {@code cte} of one row per viewer: {@code (viewer_id, n)}.
     */
    static String columns(String cte) {
        return "(SELECT array_agg(viewer_id ORDER BY viewer_id) FROM %1$s), (SELECT array_agg(n ORDER BY viewer_id) FROM %1$s)"
                .formatted(cte);
    }

    /** A CTE {@code name (viewer_id, n)}: the rows the CTE {@code added} ({@code viewer_id} per row) added. */
    static String added(String name, String added) {
        return "%s AS (SELECT viewer_id, count(*) AS n FROM %s GROUP BY viewer_id)".formatted(name, added);
    }

    /**
     * A CTE {@code name (viewer_id, n)}: the rows the CTE {@code removed} ({@code viewer_id, created_at, post_id} per
     * row) removed at or above the viewer's floor, the ones counted.
     */
    static String removed(String name, String removed) {
        return """
                %s AS (SELECT r.viewer_id, -count(*) AS n FROM %s r
                       JOIN {g}.home_feed_viewer w ON w.viewer_id = r.viewer_id
                       WHERE (r.created_at, r.post_id) >= (w.floor_at, w.floor_id)
                       GROUP BY r.viewer_id)""".formatted(name, removed);
    }

    /** Adds a statement's part, read from the columns {@link #columns} names. */
    void add(ResultSet rs, int viewersColumn) throws SQLException {
        Long[] viewers = longs(rs.getArray(viewersColumn));
        Long[] counts = longs(rs.getArray(viewersColumn + 1));
        for (int i = 0; i < viewers.length; i++) {
            changes.merge(viewers[i], counts[i], Long::sum);
        }
    }

    void add(long viewer, long change) {
        changes.merge(viewer, change, Long::sum);
    }

    /**
     * The viewers whose windows took older posts (a follow's backfill, an author pushed again): a trim by the other
     * segment meanwhile may have raised the floor above some of them, so their count is taken afresh when settling
     * rather than added to. New posts are the newest keys, so fan-out's counts can be added.
     */
    void recount(Collection<Long> viewers) {
        recounted.addAll(viewers);
    }

    boolean recounted(long viewer) {
        return recounted.contains(viewer);
    }

    Map<Long, Long> changes() {
        return changes;
    }

    boolean isEmpty() {
        return changes.isEmpty() && recounted.isEmpty();
    }

    /** Every viewer with a change or to be recounted. */
    List<Long> viewers() {
        Set<Long> viewers = new HashSet<>(changes.keySet());
        viewers.addAll(recounted);
        return List.copyOf(viewers);
    }

    private static Long[] longs(Array array) throws SQLException {
        return array == null ? new Long[0] : (Long[]) array.getArray();
    }
}
