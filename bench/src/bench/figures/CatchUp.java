package bench.figures;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Phase 6: home-feed stopped on every instance while posts were published, then started: the feed rows of those
 * posts over the seconds from the start until it had applied them all.
 */
public record CatchUp(int posts, long feedRows, long userFeedRowsInserted, double publishPostsPerSecond, double secondsToCaughtUp)
        implements PhaseFigures {

    public double rowsPerSecond() {
        return feedRows / secondsToCaughtUp;
    }

    @Override
    public void json(JsonSections out) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("posts", posts);
        m.put("feed_rows_logical", feedRows);
        m.put("user_feed_rows_inserted", userFeedRowsInserted);
        m.put("publish_posts_per_s", publishPostsPerSecond);
        m.put("seconds_to_caught_up", secondsToCaughtUp);
        m.put("rows_per_s", rowsPerSecond());
        out.service().put("catch_up", m);
        out.service().put("catch_up_rows_per_s", rowsPerSecond());
    }
}
