package bench.figures;

import bench.harness.CpuMeter;
import bench.load.Load;

/** Phase 12: the publish phase's posts by the same authors again, on the warm service, with the live projection running. */
public record PublishWarm(Load.Result publish, CpuMeter.PerOperation cpu) implements PhaseFigures {

    @Override
    public void json(JsonSections out) {
        out.service().put("publish_warm", publish.json());
        out.service().put("publish_warm_posts_per_s", publish.opsPerSecond());
        out.cpuPerOperation().put("service_publish", cpu.json());
    }
}
