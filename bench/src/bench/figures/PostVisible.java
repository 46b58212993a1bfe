package bench.figures;

import java.util.Arrays;
import java.util.Map;

import bench.load.Visibility;

/** Phase 4: post-to-visible latency at a steady publish rate, the hybrid author's posts apart. */
public record PostVisible(Visibility.Outcome outcome, long[] watchers) implements PhaseFigures {

    @Override
    public void json(JsonSections out) {
        Map<String, Object> m = outcome.json();
        m.put("watchers", Arrays.toString(watchers));
        m.put("poll_interval_ms", Visibility.POLL_NANOS / 1e6);
        out.service().put("post_visible", m);
        out.service().put("post_visible_p50_ms", p50Ms());
        out.service().put("post_visible_p99_ms", outcome.visibleP99Ms());
        out.service().put("post_visible_hybrid_p50_ms", hybridP50Ms());
        out.service().put("post_visible_hybrid_p99_ms", hybridP99Ms());
        out.headline().put("post_visible_p50_ms", p50Ms());
        out.headline().put("post_visible_p99_ms", outcome.visibleP99Ms());
        out.headline().put("post_visible_hybrid_p99_ms", hybridP99Ms());
    }

    public double p50Ms() {
        return Visibility.Outcome.pct(outcome.normalNanos(), 50);
    }

    public double hybridP50Ms() {
        return Visibility.Outcome.pct(outcome.hybridNanos(), 50);
    }

    public double hybridP99Ms() {
        return Visibility.Outcome.pct(outcome.hybridNanos(), 99);
    }
}
