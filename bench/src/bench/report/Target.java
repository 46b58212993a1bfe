package bench.report;

import static bench.report.Comparison.AT_LEAST;
import static bench.report.Comparison.AT_MOST;

import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

import bench.figures.BoundedFeeds;
import bench.figures.CatchUp;
import bench.figures.Erasure;
import bench.figures.Figures;
import bench.figures.Instances;
import bench.figures.LongFeeds;
import bench.figures.MemoryUse;
import bench.figures.PeerRun;
import bench.figures.PostVisible;
import bench.figures.PublishWarm;
import bench.figures.RawWrites;
import bench.figures.Reads;
import bench.figures.Replays;
import bench.figures.ReplicaReads;
import bench.figures.WindowReplay;
import bench.load.Visibility;

/**
 * The benchmark's targets, the only place they are written down: the JSON's {@code checks} (and the target ratios
 * in {@code ratios} and {@code scaling}), the text table, the markdown table and {@code bench/run.sh --targets} all
 * come from here. A ratio (no unit) is the service's figure over the one it is compared with, taken in the same run;
 * a limit (with a unit) is an absolute value. Each target applies when the phases its figures come from have run.
 */
public enum Target {
    READ_VS_PEER("read_vs_peer", "feed reads vs the peer, closed loop (pages/s)", AT_LEAST, 0.8, "",
            f -> f.reads().serviceClosed().opsPerSecond() / f.peer().reads().opsPerSecond(), Reads.class, PeerRun.class),
    PUBLISH_VS_PEER("publish_vs_peer", "publish vs the peer, both warm (posts/s)", AT_LEAST, 0.5, "",
            f -> f.publishWarm().publish().opsPerSecond() / f.peer().publish().opsPerSecond(), PublishWarm.class, PeerRun.class),
    REBUILD_VS_REPLAY("rebuild_vs_replay", "in-place replay vs blue/green rebuild under the steady publish load (seconds)", AT_LEAST, 0.5, "",
            f -> f.replays().first().seconds() / f.replays().rebuild().seconds(), Replays.class),
    POST_VISIBLE_DURING_REBUILD("post_visible_during_rebuild_p99_ms", "post-to-visible p99 during that rebuild, the switch included",
            AT_MOST, 1000, "ms", f -> f.replays().rebuild().outcome().visibleP99Ms(), Replays.class),
    REPLAY_VS_RAW("replay_vs_raw", "first in-place replay after the start vs raw bulk rebuild (seconds)", AT_LEAST, 0.7, "",
            f -> f.replays().raw().result().seconds() / f.replays().first().seconds(), Replays.class),
    CATCH_UP_VS_RAW("catch_up_vs_raw", "catch-up after a stop vs raw per-post fan-out (feed rows/s)", AT_LEAST, 1.0, "",
            f -> f.catchUp().rowsPerSecond() / f.rawWrites().fanOut().unitsPerSecond(), CatchUp.class, RawWrites.class),
    REPLAY_AT_4X("replay_seconds_ratio_4x_events", "replay at 4x the events vs the first replay (seconds)", AT_MOST, 4.6, "",
            f -> f.longFeeds().secondsVsFirst(), LongFeeds.class),
    LONG_FEED_READS("read_p50_ratio_long_feed", "feed read p50, long feeds vs short feeds", AT_MOST, 1.5, "",
            f -> f.longFeeds().readP50Ratio(), LongFeeds.class),
    DEEP_PAGE_P99("deep_page_p99_ms", "feed read p99, page 50 of a long feed (past the window, from source truth)", AT_MOST, 25, "ms",
            f -> f.boundedFeeds().deepP99Ms(), BoundedFeeds.class),
    DEEP_VS_FIRST_PAGE("deep_vs_first_page_p99", "feed read p99, page 50 of a long feed vs its first page", AT_MOST, 5, "",
            f -> f.boundedFeeds().deepVsFirstP99(), BoundedFeeds.class),
    RETURNING_FIRST_READ_P99("returning_first_read_p99_ms", "first read p99 of a returning viewer following 300 authors (no window)",
            AT_MOST, 50, "ms", f -> f.boundedFeeds().returningP99Ms(), BoundedFeeds.class),
    FANOUT_HALF_INACTIVE("fanout_half_inactive_vs_all_active", "fan-out rows per post, half the audience reads vs all of it",
            AT_MOST, 0.55, "", f -> f.boundedFeeds().halfReadVsAllRead(), BoundedFeeds.class),
    WINDOW_REPLAY_ROWS("window_replay_rows_vs_unbounded", "replay at 10x the events, window 50 vs no window: user_feed rows written",
            AT_MOST, 0.2, "", f -> f.windowReplay().rowsVsUnbounded(), WindowReplay.class),
    WINDOW_REPLAY_TIME("window_replay_seconds_vs_unbounded", "replay at 10x the events, window 50 vs no window, until every window is written (seconds)",
            AT_MOST, 0.5, "", f -> f.windowReplay().secondsVsUnbounded(), WindowReplay.class),
    REPLICA_ROUTING("replica_reads_vs_primary_only", "feed reads, one standby serving vs the primary alone, same machine (pages/s)",
            AT_LEAST, 0.9, "", f -> f.replicaReads().withStandbyVsPrimaryOnly(), ReplicaReads.class),
    ERASURE_MS("erasure_completed_ms", "erasure of a user with 1,000 posts and 1,000 reading followers, until every projection handled it",
            AT_MOST, 2000, "ms", f -> f.erasure().completedMs(), Erasure.class),
    PUBLISH_COORDINATION("publish_coordination_vs_one", "publish, two instances running, the first serving vs one alone (posts/s)",
            AT_LEAST, 0.9, "", f -> f.instances().publishCoordinationVsOne(), Instances.class),
    READ_COORDINATION("read_coordination_vs_one", "feed reads, two instances running, the first serving vs one alone (pages/s)",
            AT_LEAST, 0.9, "", f -> f.instances().readCoordinationVsOne(), Instances.class),
    FEED_READ_P99("feed_read_p99_ms", "feed read p99, open loop at half the service's closed-loop rate", AT_MOST, 10, "ms",
            f -> f.reads().serviceOpen().percentileMs(99), Reads.class),
    POST_VISIBLE_P99("post_visible_p99_ms", String.format(Locale.ROOT, "post-to-visible p99 at the steady publish rate (authors up to %,d followers)",
            Visibility.BIG_AUTHOR_FOLLOWERS), AT_MOST, 1000, "ms", f -> f.postVisible().outcome().visibleP99Ms(), PostVisible.class),
    HEAP_MAX("heap_max_mib", "service heap used after GC, max", AT_MOST, 512, "MiB", f -> f.memory().heapMaxMiB(), MemoryUse.class);

    private final String id;
    private final String description;
    private final Comparison comparison;
    private final double threshold;
    private final String unit;
    private final ToDoubleFunction<Figures> value;
    private final List<Class<?>> needs;

    Target(String id, String description, Comparison comparison, double threshold, String unit, ToDoubleFunction<Figures> value,
           Class<?>... needs) {
        this.id = id;
        this.description = description;
        this.comparison = comparison;
        this.threshold = threshold;
        this.unit = unit;
        this.value = value;
        this.needs = List.of(needs);
    }

    /** The key in latest.json's {@code checks} (and {@code ratios}, {@code scaling} or the top level). */
    public String id() { return id; }
    public String description() { return description; }
    public double threshold() { return threshold; }
    public boolean isRatio() { return unit.isEmpty(); }
    public String unit() { return unit; }

    public boolean applies(Figures f) {
        return f.has(needs);
    }

    /** The value from the run's figures; NaN when their phases did not run. */
    public double value(Figures f) {
        return applies(f) ? value.applyAsDouble(f) : Double.NaN;
    }

    public boolean passes(Figures f) {
        return comparison.holds(value(f), threshold);
    }

    /** ">= 0.8", "<= 1,000 ms": the target column of the tables and the {@code target} of a check. */
    public String text() {
        return comparison.symbol() + " " + (isRatio() ? Double.toString(threshold) : Format.fmt(threshold) + " " + unit);
    }
}
