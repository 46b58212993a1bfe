package bench.figures;

import java.util.LinkedHashMap;
import java.util.Map;

import bench.load.Load;

/**
 * Phase 2: posts over HTTP on a fresh JVM, and the live projection's fan-out: the feed rows the posts make (each to
 * its author and every follower) over the seconds from the first publish until home-feed has applied them all.
 */
public record Publish(Load.Result publish, long feedRows, long userFeedRowsInserted, double drainSeconds, double secondsToCaughtUp)
        implements PhaseFigures {

    public double liveFanoutRowsPerSecond() {
        return feedRows / secondsToCaughtUp;
    }

    @Override
    public void json(JsonSections out) {
        out.service().put("publish", publish.json());
        out.service().put("publish_posts_per_s", publish.opsPerSecond());
        Map<String, Object> live = new LinkedHashMap<>();
        live.put("feed_rows_logical", feedRows);
        live.put("user_feed_rows_inserted", userFeedRowsInserted);
        live.put("publish_seconds", publish.seconds());
        live.put("drain_after_publish_seconds", drainSeconds);
        live.put("seconds_to_caught_up", secondsToCaughtUp);
        out.service().put("live_projection", live);
        out.service().put("live_fanout_rows_per_s", liveFanoutRowsPerSecond());
    }
}
