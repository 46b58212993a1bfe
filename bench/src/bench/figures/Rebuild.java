package bench.figures;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import bench.load.Visibility;

/**
 * A blue/green rebuild of home-feed under the steady publish load: seconds from the request until SWITCHED, its
 * progress over time, and the post-to-visible latency of the posts published meanwhile.
 *
 * @param leadSeconds the seconds of load before the rebuild was requested
 * @param comparison  the service's comparison of the new generation with the serving one, as it reported it
 */
public record Rebuild(Visibility.Outcome outcome, double seconds, double windowSeconds, double leadSeconds, Object comparison,
                      boolean heldBackByDifferences, List<Progress> progress, List<Visible> visible) {

    /** The rebuild's progress (0 to 1) and state at a time of the run. */
    public record Progress(double atSeconds, double fraction, String state) {}

    /** A post's post-to-visible latency, at the time of the run its publish was due. */
    public record Visible(double atSeconds, double ms) {}

    public boolean switchedInsideWindow() {
        return seconds + leadSeconds < windowSeconds;
    }

    public Map<String, Object> json() {
        Map<String, Object> m = outcome.json();
        m.put("rebuild_seconds", seconds);
        m.put("window_seconds", windowSeconds);
        m.put("switched_inside_window", switchedInsideWindow());
        m.put("comparison", comparison);
        m.put("held_back_by_differences", heldBackByDifferences);
        List<Object> p = new ArrayList<>();
        for (Progress x : progress) p.add(List.of(x.atSeconds(), x.fraction(), x.state()));
        m.put("progress_over_time", p);
        List<Object> v = new ArrayList<>();
        for (Visible x : visible) v.add(List.of(x.atSeconds(), x.ms()));
        m.put("post_visible_over_time", v);
        return m;
    }
}
