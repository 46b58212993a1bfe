package bench.phases;

import java.util.Map;

import bench.baselines.Tables;
import bench.figures.Replay;
import bench.harness.CpuMeter;
import bench.harness.Http;
import bench.harness.Require;

/** An in-place replay of home-feed by token reset, timed from the request until the projection is back at the head. */
final class InPlaceReplay {

    private InPlaceReplay() {
    }

    static Replay run(BenchContext ctx, String phase) throws Exception {
        ctx.timeline().phase(phase);
        Http http = ctx.http();
        CpuMeter cpu = ctx.cpu();
        Tables.Fingerprint before = Tables.fingerprint(ctx.service(), "user_feed");
        long head = ctx.homeFeed().headPosition();
        CpuMeter.Snapshot cpuBefore = cpu.take();
        CpuMeter.Threads threadsBefore = cpu.serviceThreads();
        long t0 = System.nanoTime();
        Http.Resp r = http.post("/admin/projections/home-feed/replay", http.adminAuth(), null);
        Require.that(r.status() == 202, "replay: " + r.status() + " " + r.body());
        while (true) {
            Map<String, Object> p = ctx.homeFeed().view();
            if ("RUNNING".equals(p.get("state")) && p.get("replayProgress") == null
                    && ((Number) p.get("lagEvents")).longValue() == 0 && ((Number) p.get("position")).longValue() >= head) {
                break;
            }
            Require.that(!"ERROR".equals(p.get("state")), "replay failed: " + p);
            Require.that((System.nanoTime() - t0) / 1e9 < 3600, "replay did not finish in an hour: " + p);
            Thread.sleep(100);
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        CpuMeter.Snapshot cpuAfter = cpu.take();
        CpuMeter.ByThread byThread = cpu.serviceThreads().minus(threadsBefore);
        Tables.Fingerprint after = Tables.fingerprint(ctx.service(), "user_feed");
        Replay replay = new Replay(seconds, head, before, after, cpuAfter.service() - cpuBefore.service(),
                cpuAfter.postgres() - cpuBefore.postgres(), byThread);
        System.out.printf("  %s: %.2f s for %d events (%.0f events/s); user_feed %d rows before, %d after, identical: %s%n",
                phase, seconds, head, head / seconds, before.rows(), after.rows(), replay.identical());
        System.out.printf("  %s: service CPU %.2f s (JIT compilers %.2f, event processors %.2f, GC %.2f, rest %.2f), PostgreSQL %.2f s%n",
                phase, replay.serviceCpuSeconds(), byThread.compilerSeconds(), byThread.processorsSeconds(), byThread.gcSeconds(),
                byThread.restSeconds(), replay.postgresCpuSeconds());
        ctx.recordLiveHeap();
        return replay;
    }
}
