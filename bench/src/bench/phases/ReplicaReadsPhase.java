package bench.phases;

import java.util.List;
import java.util.Map;

import bench.figures.ReplicaReads;
import bench.harness.Http;
import bench.harness.Metrics;
import bench.harness.Options;
import bench.harness.Require;
import bench.harness.Standby;
import bench.load.Load;
import bench.load.WarmUp;

/**
 * 15. Feed reads with a streaming standby against the primary alone, on the same two cores: a standby of the service's
 * PostgreSQL is made (the jar's StandbyMain), the service is restarted without replicas, warmed up and read in a closed
 * loop, then restarted reading from the standby, warmed up and read again, and read in an open loop at half that rate
 * for the p99 of replica-served pages. Restarts the service, so it runs after every phase measured on the first process.
 */
final class ReplicaReadsPhase implements Phase {

    @Override
    public String name() {
        return "reads from a standby";
    }

    @Override
    public void run(BenchContext ctx) throws Exception {
        Options o = ctx.options();
        Http http = ctx.http();
        ctx.timeline().phase("make a standby of the service's PostgreSQL");
        long t0 = System.nanoTime();
        Standby standby = Standby.of(ctx.service(), o.jar(), o.results().resolve("standby.log"));
        double makeSeconds = (System.nanoTime() - t0) / 1e9;
        ctx.processes().started(standby);
        try {
            ctx.timeline().phase("feed reads, the primary alone");
            ctx.service().restart("primary-only", Map.of());
            Load.Result primaryOnly = closedLoop(ctx, "primary alone");

            ctx.timeline().phase("feed reads, one standby serving");
            ctx.service().restart("with-standby", Map.of("FEED_READ_REPLICA_URLS", standby.url()));
            awaitServing(http);
            double standbyBefore = Metrics.sum(http, "feed_reads_total", "target=\"127.0.0.1");
            double allBefore = Metrics.sum(http, "feed_reads_total", "");
            Load.Result withStandby = closedLoop(ctx, "one standby serving");
            double share = (Metrics.sum(http, "feed_reads_total", "target=\"127.0.0.1") - standbyBefore)
                    / (Metrics.sum(http, "feed_reads_total", "") - allBefore);
            double rate = withStandby.opsPerSecond() / 2;
            Load.Result open = Load.open("feed reads, one standby serving @" + Math.round(rate) + "/s", o.concurrency(), rate,
                    o.readSeconds(), ctx.feedReader(http));
            Require.that(primaryOnly.errors() + withStandby.errors() + open.errors() == 0,
                    "read errors: " + primaryOnly.firstError() + " " + withStandby.firstError() + " " + open.firstError());
            System.out.printf("  with a standby %.0f pages/s against %.0f alone (%.3f); the standby served %.1f %%; open-loop p99 %.1f ms%n",
                    withStandby.opsPerSecond(), primaryOnly.opsPerSecond(), withStandby.opsPerSecond() / primaryOnly.opsPerSecond(),
                    share * 100, open.percentileMs(99));
            ctx.figures().add(new ReplicaReads(primaryOnly, withStandby, share, open, makeSeconds));
        } finally {
            standby.stop();
            ctx.processes().stopped(standby);
        }
    }

    private static Load.Result closedLoop(BenchContext ctx, String label) throws Exception {
        Options o = ctx.options();
        WarmUp.untilSteady("feed reads warm-up, " + label, o.concurrency(), o.roundSeconds(), ctx.feedReader(ctx.http()), 3, 9);
        return Load.closed("feed reads, " + label, o.concurrency(), 0, o.readSeconds(), ctx.feedReader(ctx.http()));
    }

    private static void awaitServing(Http http) throws Exception {
        long t0 = System.nanoTime();
        while (true) {
            Http.Resp r = http.get("/admin/read-replicas", http.adminAuth());
            if (r.status() == 200 && r.body().contains("\"SERVING\"")) {
                return;
            }
            Require.that(System.nanoTime() - t0 < 120_000_000_000L, "the standby did not serve within 2 minutes: " + r.body());
            Thread.sleep(200);
        }
    }
}
