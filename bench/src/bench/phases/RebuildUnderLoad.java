package bench.phases;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import bench.figures.Rebuild;
import bench.harness.Http;
import bench.harness.Json;
import bench.harness.Options;
import bench.harness.Require;
import bench.load.Visibility;

/**
 * A blue/green rebuild of home-feed with the steady publish load and its post-to-visible probes running throughout,
 * from the request until SWITCHED: the rebuild's price against the in-place replay of the same events, and what
 * readers see meanwhile, the switch included.
 */
final class RebuildUnderLoad {

    private static final double LEAD_SECONDS = 2;

    private RebuildUnderLoad() {
    }

    static Rebuild run(BenchContext ctx, double replaySeconds) throws Exception {
        Options o = ctx.options();
        Http http = ctx.http();
        ctx.timeline().phase("rebuild under " + Math.round(o.steadyRate()) + " posts/s");
        // About as long as the rebuild is expected to take, so the latencies are mostly from inside it.
        double window = Math.max(10, 4 + 3 * replaySeconds);
        Visibility v = new Visibility(http, ctx.graph(), o.celebShare());
        Visibility.Outcome[] outcome = new Visibility.Outcome[1];
        Exception[] failure = new Exception[1];
        Thread load = new Thread(() -> {
            try {
                outcome[0] = v.run(o.steadyRate(), o.hybridRate(), window);
            } catch (Exception e) {
                failure[0] = e;
            }
        }, "rebuild-load");
        load.start();
        Thread.sleep((long) (LEAD_SECONDS * 1000));
        long t0 = System.nanoTime();
        Http.Resp started = http.post("/admin/projections/home-feed/rebuild", http.adminAuth(), "{\"cutover\":\"auto\"}");
        Require.that(started.status() == 202, "rebuild: " + started.status() + " " + started.body());
        Map<String, Object> rebuild;
        boolean heldBack = false;
        List<Rebuild.Progress> progress = new ArrayList<>();
        while (true) {
            rebuild = Json.object(http.get("/admin/projections/home-feed/rebuild", http.adminAuth()).body());
            Object state = rebuild.get("state");
            progress.add(new Rebuild.Progress(ctx.timeline().sinceStart(),
                    rebuild.get("progress") instanceof Number p ? p.doubleValue() : 0.0, String.valueOf(state)));
            if ("SWITCHED".equals(state)) break;
            Require.that(!"FAILED".equals(state), "rebuild failed: " + rebuild);
            if ("READY".equals(state) && !heldBack) {
                // The comparison found differences: reported below; the run goes on with a manual cutover.
                System.out.println("  the rebuild waits at READY: " + rebuild.get("comparison"));
                heldBack = true;
                http.post("/admin/projections/home-feed/rebuild/cutover", http.adminAuth(), null);
            }
            Require.that((System.nanoTime() - t0) / 1e9 < 3600, "rebuild did not finish in an hour: " + rebuild);
            Thread.sleep(100);
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        load.join();
        Require.that(failure[0] == null, "publishing during the rebuild failed: " + failure[0]);
        List<Rebuild.Visible> visible = new ArrayList<>();
        for (long[] sample : v.overTime()) visible.add(new Rebuild.Visible(ctx.timeline().secondsAt(sample[0]), sample[1] / 1e6));
        Rebuild result = new Rebuild(outcome[0], seconds, window, LEAD_SECONDS, rebuild.get("comparison"), heldBack, progress, visible);
        System.out.printf("  rebuild under %.0f posts/s: switched after %.2f s (in-place replay %.2f s); post-to-visible p99 %.0f ms%n",
                o.steadyRate(), seconds, replaySeconds, result.outcome().visibleP99Ms());
        ctx.awaitCaughtUp();
        ctx.recordLiveHeap();
        return result;
    }
}
