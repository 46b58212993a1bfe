package bench.phases;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;

import bench.baselines.KeysetReads;
import bench.figures.Reads;
import bench.harness.CpuMeter;
import bench.harness.Metrics;
import bench.harness.Options;
import bench.harness.Require;
import bench.harness.StatementSampler;
import bench.load.FeedReader;
import bench.load.Load;
import bench.load.WarmUp;

/**
 * 8. Feed reads: every reader's first page once, until the keeper has written their windows; raw closed loop; the
 * service warmed up in rounds until steady, then its closed loop, its open loop, and the raw open loop at the same rate.
 */
final class ReadsPhase implements Phase {

    @Override
    public String name() {
        return "feed reads";
    }

    @Override
    public void run(BenchContext ctx) throws Exception {
        Options o = ctx.options();
        CpuMeter cpu = ctx.cpu();
        // Each reader reads once and the keeper writes their window, as a running service has them for its active
        // readers: these loops measure steady reads. What a returning reader's first read costs is phase 10's.
        ctx.timeline().phase("readers' first reads, until their windows are written");
        int users = ctx.graph().users;
        Load.Result first = Load.closedCount("readers' first reads", o.concurrency(), users,
                index -> seq -> FeedReader.firstPage(ctx.http(), 1 + seq));
        Require.that(first.errors() == 0, "read errors: " + first.firstError());
        awaitWindows(ctx, users);
        ctx.timeline().phase("raw keyset reads, closed loop");
        Load.WorkerFactory rawReader = KeysetReads.reader(ctx.service(), ctx.graph().users, o.limit(), o.pagesPerViewer());
        Load.Result rawClosed = Load.closed("raw keyset reads", o.concurrency(), o.warmupSeconds(), o.readSeconds(), rawReader);

        // Until the JIT has settled: a fixed 20 s left the service at half the rate it reached later in the run.
        ctx.timeline().phase("service feed reads, warm-up");
        List<Double> warmUp = WarmUp.untilSteady("service feed reads warm-up", o.concurrency(), o.roundSeconds(),
                ctx.feedReader(ctx.http()), 3, 9);
        ctx.timeline().phase("service feed reads, closed loop");
        CpuMeter.Snapshot readCpu = cpu.take();
        long readOps = Load.OPS.get();
        double projectionBefore = Metrics.sum(ctx.http(), "feed_home_feed_reads_total", "served_from=\"projection\"");
        double allBefore = Metrics.sum(ctx.http(), "feed_home_feed_reads_total", "");
        Load.Result svcClosed;
        // Where PostgreSQL spends the loop, printed: a read path that falls back to source truth shows here first.
        try (StatementSampler sampler = new StatementSampler(ctx.service())) {
            svcClosed = Load.closed("service feed reads", o.concurrency(), 0, o.readSeconds(), ctx.feedReader(ctx.http()));
        }
        double projectionShare = (Metrics.sum(ctx.http(), "feed_home_feed_reads_total", "served_from=\"projection\"") - projectionBefore)
                / (Metrics.sum(ctx.http(), "feed_home_feed_reads_total", "") - allBefore);
        CpuMeter.PerOperation serviceCpu = cpu.perOperation(readCpu, Load.OPS.get() - readOps, false);

        // Half the service's own closed-loop maximum: latency, not queueing. Raw SQL is driven at the same rate.
        double rate = svcClosed.opsPerSecond() / 2;
        ctx.timeline().phase("service feed reads, open loop");
        Load.Result svcOpen = Load.open("service feed reads @" + Math.round(rate) + "/s", o.concurrency(), rate, o.readSeconds(),
                ctx.feedReader(ctx.http()));
        ctx.timeline().phase("raw keyset reads, open loop");
        Load.Result rawOpen = Load.open("raw keyset reads @" + Math.round(rate) + "/s", o.concurrency(), rate, o.readSeconds(), rawReader);
        Require.that(rawClosed.errors() + svcClosed.errors() == 0, "read errors: " + rawClosed.firstError() + " " + svcClosed.firstError());
        ctx.figures().add(new Reads(rawClosed, warmUp, svcClosed, projectionShare, serviceCpu, rate, svcOpen, rawOpen));
        ctx.recordLiveHeap();
    }

    private static void awaitWindows(BenchContext ctx, int users) throws Exception {
        long t0 = System.nanoTime();
        try (Connection c = ctx.service().connect(); Statement s = c.createStatement()) {
            while (true) {
                try (ResultSet rs = s.executeQuery("SELECT count(*) FROM home_feed_viewer WHERE viewer_id BETWEEN 1 AND " + users
                        + " AND floor_at <> 'infinity'")) {
                    rs.next();
                    if (rs.getLong(1) >= users) break;
                }
                Require.that(System.nanoTime() - t0 < 600_000_000_000L, "the readers' windows were not written in 10 minutes");
                Thread.sleep(200);
            }
        }
        System.out.printf("  the windows of %d readers written %.1f s after their first reads%n", users, (System.nanoTime() - t0) / 1e9);
    }
}
