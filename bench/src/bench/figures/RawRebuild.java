package bench.figures;

import java.util.LinkedHashMap;
import java.util.Map;

import bench.baselines.BulkRebuild;

/**
 * The raw bulk rebuild, and how its feed rows compare with user_feed as the first replay left it. It runs after the
 * rebuild under load, whose posts are in its events but were not in user_feed then: so the rows differ by at least
 * theirs, and {@code rowsMoreThanUserFeed} also counts any feed rows the service does not materialize.
 */
public record RawRebuild(BulkRebuild.Result result, boolean sameRowsAsUserFeed, long rowsMoreThanUserFeed) {

    public Map<String, Object> json() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("seconds", result.seconds());
        m.put("follows", result.followers());
        m.put("posts", result.posts());
        m.put("feed_rows", result.feedRows());
        m.put("steps_seconds", result.stepSeconds());
        m.put("same_rows_as_user_feed", sameRowsAsUserFeed);
        m.put("rows_more_than_user_feed", rowsMoreThanUserFeed);
        return m;
    }
}
