package bench.figures;

import java.util.LinkedHashMap;
import java.util.Map;

import bench.baselines.Tables;
import bench.harness.CpuMeter;

/**
 * An in-place replay of home-feed: seconds from the request until the projection is back at the head, the events it
 * replayed, user_feed before and after, and the CPU it took (the service's by kind of thread).
 */
public record Replay(double seconds, long events, Tables.Fingerprint before, Tables.Fingerprint after, double serviceCpuSeconds,
                     double postgresCpuSeconds, CpuMeter.ByThread byThread) {

    public boolean identical() {
        return before.equals(after);
    }

    public Map<String, Object> json() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("seconds", seconds);
        m.put("events", events);
        m.put("events_per_s", events / seconds);
        m.put("user_feed_rows_before", before.rows());
        m.put("user_feed_rows_after", after.rows());
        m.put("fingerprint", after.checksum());
        m.put("identical", identical());
        m.put("service_cpu_s", serviceCpuSeconds);
        m.put("postgres_cpu_s", postgresCpuSeconds);
        m.put("service_cpu_by_thread", byThread.json());
        return m;
    }
}
