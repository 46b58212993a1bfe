package bench.figures;

import java.util.LinkedHashMap;
import java.util.Map;

import bench.load.Load;

/**
 * Phase 15: the same closed-loop feed reads with the primary alone and with one streaming standby serving them, on
 * the same machine; the open loop at half the rate with the standby, for the p99 of replica-served reads.
 *
 * @param standbyShare the share of the reads in the standby's closed loop the standby served
 */
public record ReplicaReads(Load.Result primaryOnly, Load.Result withStandby, double standbyShare, Load.Result standbyOpen,
                           double standbyMakeSeconds) implements PhaseFigures {

    public double withStandbyVsPrimaryOnly() {
        return withStandby.opsPerSecond() / primaryOnly.opsPerSecond();
    }

    @Override
    public void json(JsonSections out) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("primary_only_pages_per_s", primaryOnly.opsPerSecond());
        m.put("with_standby_pages_per_s", withStandby.opsPerSecond());
        m.put("with_standby_vs_primary_only", withStandbyVsPrimaryOnly());
        m.put("standby_share", standbyShare);
        m.put("standby_open_p50_ms", standbyOpen.percentileMs(50));
        m.put("standby_open_p99_ms", standbyOpen.percentileMs(99));
        m.put("standby_make_seconds", standbyMakeSeconds);
        out.service().put("read_replicas", m);
    }
}
