package bench.figures;

import java.util.LinkedHashMap;
import java.util.Map;

import bench.load.Load;

/**
 * Phase 10: what the windows cost and save. Page {@code deepPage} of the long feeds (past the window, answered from
 * source truth) against their first page; the first read of returning viewers following {@code returningAuthors}
 * authors, without a window; fan-out rows per post to an audience that all reads against one half of which reads;
 * {@code user_feed}'s rows against what an unbounded fan-out keeps for the same follows and posts.
 */
public record BoundedFeeds(int deepPage, int pageSize, Load.Result deepReads, Load.Result firstReads, int returningAuthors,
                           Load.Result returningReads, int audience, int postsPerAudience, double rowsPerPostAllRead,
                           double rowsPerPostHalfRead, long storedRows, long unboundedRows) implements PhaseFigures {

    public double deepP99Ms() {
        return deepReads.percentileMs(99);
    }

    public double deepVsFirstP99() {
        return deepReads.percentileMs(99) / firstReads.percentileMs(99);
    }

    public double returningP99Ms() {
        return returningReads.percentileMs(99);
    }

    public double halfReadVsAllRead() {
        return rowsPerPostHalfRead / rowsPerPostAllRead;
    }

    public double storedVsUnbounded() {
        return (double) storedRows / unboundedRows;
    }

    @Override
    public void json(JsonSections out) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("deep_page", deepPage);
        m.put("page_size", pageSize);
        m.put("deep_reads", deepReads.json());
        m.put("first_page_reads", firstReads.json());
        m.put("deep_vs_first_p99", deepVsFirstP99());
        m.put("returning_authors", returningAuthors);
        m.put("returning_first_reads", returningReads.json());
        m.put("audience", audience);
        m.put("posts_per_audience", postsPerAudience);
        m.put("fanout_rows_per_post_all_read", rowsPerPostAllRead);
        m.put("fanout_rows_per_post_half_read", rowsPerPostHalfRead);
        m.put("fanout_half_read_vs_all_read", halfReadVsAllRead());
        m.put("user_feed_rows", storedRows);
        m.put("user_feed_rows_unbounded", unboundedRows);
        m.put("user_feed_rows_vs_unbounded", storedVsUnbounded());
        out.service().put("bounded_feeds", m);
    }
}
