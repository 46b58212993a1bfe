package bench.figures;

import java.util.LinkedHashMap;
import java.util.Map;

import bench.load.Load;

/**
 * Phase 9: closed-loop reads of long feeds against short ones, and a second in-place replay once the store holds
 * about four times the events of the first ({@code first}, the 1x of the ratio).
 */
public record LongFeeds(long longFeedRows, int shortFeedRows, Load.Result longReads, Load.Result shortReads, Replay first, Replay at4x)
        implements PhaseFigures {

    public double readP50Ratio() {
        return longReads.percentileMs(50) / shortReads.percentileMs(50);
    }

    public double eventsVsFirst() {
        return (double) at4x.events() / first.events();
    }

    public double secondsVsFirst() {
        return at4x.seconds() / first.seconds();
    }

    @Override
    public void json(JsonSections out) {
        Map<String, Object> feeds = new LinkedHashMap<>();
        feeds.put("long_feed_rows_per_viewer", longFeedRows);
        feeds.put("short_feed_rows_per_viewer", shortFeedRows);
        feeds.put("long", longReads.json());
        feeds.put("short", shortReads.json());
        feeds.put("read_p50_ratio", readP50Ratio());
        out.service().put("long_feeds", feeds);
        Map<String, Object> replay = at4x.json();
        replay.put("events_vs_first", eventsVsFirst());
        replay.put("seconds_vs_first", secondsVsFirst());
        out.service().put("replay_4x", replay);
    }
}
