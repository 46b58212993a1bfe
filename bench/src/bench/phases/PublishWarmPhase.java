package bench.phases;

import java.util.List;

import bench.figures.PublishWarm;
import bench.harness.CpuMeter;
import bench.harness.Options;
import bench.harness.Require;
import bench.load.Load;
import bench.load.Writes;

/**
 * 13. The publish phase's posts, by the same authors, again, once the service is warm: the figure compared with the
 * peer (whose JVM is warmed the same way before its own), with the live projection running meanwhile.
 */
final class PublishWarmPhase implements Phase {

    @Override
    public String name() {
        return "warm publish";
    }

    @Override
    public void run(BenchContext ctx) throws Exception {
        Options o = ctx.options();
        long[] authors = ctx.published().authors();
        ctx.timeline().phase("publish again, warm, + live projection");
        CpuMeter.Snapshot cpuBefore = ctx.cpu().take();
        Load.Result publish = Writes.publish("service publish, warm", List.of(ctx.http()), o.concurrency(), o.posts(),
                seq -> authors[(int) seq]);
        ctx.awaitCaughtUp();
        CpuMeter.PerOperation cpu = ctx.cpu().perOperation(cpuBefore, o.posts(), false);
        Require.that(publish.errors() == 0, "publish errors: " + publish.firstError());
        ctx.figures().add(new PublishWarm(publish, cpu));
    }
}
