package bench.figures;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import bench.harness.CpuMeter;
import bench.load.Load;

/**
 * Phase 13: the peer, warmed up, given the same follow graph, the same posts by the same authors and the same reads.
 *
 * @param publishQuietSeconds the wait after the publish warm-up for its compiler to go quiet (likewise for the reads)
 */
public record PeerRun(double followsPerSecond, List<Double> publishWarmUp, double publishQuietSeconds, Load.Result publish,
                      CpuMeter.PerOperation publishCpu, List<Double> readWarmUp, double readQuietSeconds, Load.Result reads,
                      CpuMeter.PerOperation readCpu) implements PhaseFigures {

    @Override
    public void json(JsonSections out) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("follows_per_s", followsPerSecond);
        m.put("publish_warm_up_posts_per_s", publishWarmUp);
        m.put("publish_quiet_after_warm_up_s", publishQuietSeconds);
        m.put("publish", publish.json());
        m.put("publish_posts_per_s", publish.opsPerSecond());
        m.put("read_warm_up_pages_per_s", readWarmUp);
        m.put("read_quiet_after_warm_up_s", readQuietSeconds);
        m.put("reads_closed", reads.json());
        m.put("feed_pages_per_s", reads.opsPerSecond());
        out.info().put("peer", m);
        out.cpuPerOperation().put("peer_publish", publishCpu.json());
        out.cpuPerOperation().put("peer_read", readCpu.json());
    }
}
