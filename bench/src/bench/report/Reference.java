package bench.report;

import java.util.List;
import java.util.function.ToDoubleFunction;

import bench.figures.Figures;
import bench.figures.Publish;
import bench.figures.PublishWarm;
import bench.figures.RawWrites;
import bench.figures.Reads;

/**
 * The ratios against raw SQL that carry no target: the statements alone, no HTTP and no JVM between, are the
 * physical limit; they explain where the time goes. In latest.json's {@code ratios}, beside the target ratios.
 */
public enum Reference {
    PUBLISH_VS_RAW("publish_vs_raw", "publish (posts/s vs single-row inserts/s)",
            f -> f.publishWarm().publish().opsPerSecond() / f.rawWrites().inserts().unitsPerSecond(), PublishWarm.class, RawWrites.class),
    LIVE_FANOUT_VS_RAW("live_fanout_vs_raw", "live fan-out (feed rows/s)",
            f -> f.publish().liveFanoutRowsPerSecond() / f.rawWrites().fanOut().unitsPerSecond(), Publish.class, RawWrites.class),
    FEED_READ_VS_RAW("feed_read_vs_raw", "feed reads, closed loop (pages/s)",
            f -> f.reads().serviceClosed().opsPerSecond() / f.reads().rawClosed().opsPerSecond(), Reads.class);

    private final String id;
    private final String description;
    private final ToDoubleFunction<Figures> value;
    private final List<Class<?>> needs;

    Reference(String id, String description, ToDoubleFunction<Figures> value, Class<?>... needs) {
        this.id = id;
        this.description = description;
        this.value = value;
        this.needs = List.of(needs);
    }

    public String id() { return id; }
    public String description() { return description; }

    public boolean applies(Figures f) {
        return f.has(needs);
    }

    public double value(Figures f) {
        return applies(f) ? value.applyAsDouble(f) : Double.NaN;
    }
}
