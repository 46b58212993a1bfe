package bench.figures;

import java.util.List;

import bench.harness.CpuMeter;
import bench.load.Load;

/**
 * Phase 8: feed reads, raw and service, closed loop; then both open loop at half the service's closed-loop rate.
 *
 * @param serviceWarmUp the pages/s of each warm-up round before the service's closed loop
 * @param projectionShare the share of the closed loop's pages the projection answered alone (the rest came from
 *                        source truth: readers whose window was not written yet)
 * @param offeredPerSecond the open loops' rate
 */
public record Reads(Load.Result rawClosed, List<Double> serviceWarmUp, Load.Result serviceClosed, double projectionShare,
                    CpuMeter.PerOperation serviceCpu,
                    double offeredPerSecond, Load.Result serviceOpen, Load.Result rawOpen) implements PhaseFigures {

    @Override
    public void json(JsonSections out) {
        out.raw().put("reads_closed", rawClosed.json());
        out.raw().put("keyset_pages_per_s", rawClosed.opsPerSecond());
        out.service().put("read_warm_up_pages_per_s", serviceWarmUp);
        out.service().put("reads_closed", serviceClosed.json());
        out.service().put("feed_pages_per_s", serviceClosed.opsPerSecond());
        out.service().put("feed_pages_from_projection_share", projectionShare);
        out.info().put("read_offered_per_s", offeredPerSecond);
        out.service().put("reads_open", serviceOpen.json());
        out.service().put("read_open_p50_ms", serviceOpen.percentileMs(50));
        out.service().put("read_open_p99_ms", serviceOpen.percentileMs(99));
        out.raw().put("reads_open", rawOpen.json());
        out.raw().put("read_open_p50_ms", rawOpen.percentileMs(50));
        out.raw().put("read_open_p99_ms", rawOpen.percentileMs(99));
        out.cpuPerOperation().put("service_read", serviceCpu.json());
        out.headline().put("feed_read_p50_ms", serviceOpen.percentileMs(50));
        out.headline().put("feed_read_p99_ms", serviceOpen.percentileMs(99));
        out.headline().put("feed_read_offered_per_s", offeredPerSecond);
    }
}
