package bench.phases;

import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.function.LongUnaryOperator;

import bench.figures.Instances;
import bench.harness.CpuMeter;
import bench.harness.Http;
import bench.harness.Jwt;
import bench.harness.Options;
import bench.harness.Require;
import bench.harness.Service;
import bench.load.Load;
import bench.load.WarmUp;
import bench.load.Writes;

/**
 * 12. Publish and read throughput with one instance, then with a second one started on the same PostgreSQL, measured
 * back to back in two ways: requests still to the first instance only (the second holds its segments, leases and
 * claims: what the coordination costs), and requests spread over both, connection by connection (on two cores no
 * gain is expected: two JVMs share them).
 */
final class TwoInstancesPhase implements Phase {

    private static final int POSTS = 4_000;
    private static final double READ_WARMUP_SECONDS = 10;
    private static final double READ_SECONDS = 10;
    private static final long IDLE_MILLIS = 10_000;

    @Override
    public String name() {
        return "one instance against two";
    }

    @Override
    public void run(BenchContext ctx) throws Exception {
        Options o = ctx.options();
        Http http = ctx.http();
        CpuMeter cpu = ctx.cpu();
        Random rnd = new Random(o.seed() + 5);
        long[] authors = new long[POSTS * 3];
        for (int k = 0; k < authors.length; k++) authors[k] = 1 + rnd.nextInt(ctx.graph().users);
        ctx.timeline().phase("one instance: publish");
        Load.Result onePublish = publishAndDrain(ctx, "one instance publish", List.of(http), POSTS, seq -> authors[(int) seq]);
        ctx.timeline().phase("one instance: feed reads");
        Load.Result oneRead = reads(ctx, "one instance feed reads", ctx.feedReader(http));
        double idleOne = idleCpu(ctx);

        ctx.timeline().phase("start a second instance");
        Service second = Service.another(ctx.service(), "service-2");
        ctx.processes().started(second);
        Instances instances;
        try {
            second.awaitUp(Duration.ofMinutes(3));
            cpu.meterPeer(second.pid());
            Http other = new Http(second.port(), new Jwt(ctx.service().jwtSecret()));
            double spread = ctx.homeFeed().awaitSegmentsSpread(Duration.ofSeconds(60));
            List<Http> both = List.of(http, other);
            // The first instance is warm by now; the second is warmed through its own port until it serves alone about as
            // fast as the first did alone, so the comparison measures the coordination, not a fresh JVM's compiler.
            ctx.timeline().phase("second instance: warm-up");
            List<Double> warmPosts = WarmUp.untilRate("second instance warm-up publish", o.concurrency(), o.roundSeconds() / 2,
                    onePublish.opsPerSecond() * 0.95, 12,
                    Writes.publisher("warm-up publish", List.of(other), seq -> 1 + (seq % ctx.graph().users)));
            List<Double> warmPages = WarmUp.untilRate("second instance warm-up reads", o.concurrency(), o.roundSeconds(),
                    oneRead.opsPerSecond() * 0.95, 18, ctx.feedReader(other));
            ctx.awaitCaughtUp();
            double quiet = WarmUp.compilerQuiet("second instance", cpu, Duration.ofSeconds((long) o.quietLimitSeconds()));
            // What the coordination costs with nothing to do: leases, claim polling, pause checks, the balancer.
            double idleTwo = idleCpu(ctx);
            ctx.timeline().phase("two instances, requests to the first: publish");
            Load.Result firstPublish = publishAndDrain(ctx, "two instances, first serves: publish", List.of(http), POSTS,
                    seq -> authors[POSTS + (int) seq]);
            ctx.timeline().phase("two instances, requests to the first: feed reads");
            Load.Result firstRead = reads(ctx, "two instances, first serves: feed reads", ctx.feedReader(http));
            ctx.timeline().phase("two instances: publish");
            Load.Result twoPublish = publishAndDrain(ctx, "two instances publish", both, POSTS, seq -> authors[2 * POSTS + (int) seq]);
            ctx.timeline().phase("two instances: feed reads");
            Load.Result twoRead = reads(ctx, "two instances feed reads", index -> ctx.feedReader(both.get(index % 2)).create(index));
            Require.that(onePublish.errors() + firstPublish.errors() + twoPublish.errors() + oneRead.errors() + firstRead.errors()
                            + twoRead.errors() == 0,
                    "instance phase errors: " + onePublish.firstError() + " " + firstPublish.firstError() + " " + twoPublish.firstError()
                            + " " + oneRead.firstError() + " " + firstRead.firstError() + " " + twoRead.firstError());
            instances = new Instances(spread, warmPosts, warmPages, quiet, idleOne, idleTwo, onePublish, firstPublish, twoPublish,
                    oneRead, firstRead, twoRead);
        } finally {
            ctx.timeline().phase("stop the second instance");
            second.stop();
            ctx.processes().stopped(second);
            cpu.meterPeer(0);
            second.deleteData();
        }
        ctx.figures().add(instances);
        System.out.printf("  one instance: %.0f posts/s, %.0f pages/s; two, the first serving: %.0f posts/s, %.0f pages/s;"
                        + " two serving: %.0f posts/s, %.0f pages/s%n",
                onePublish.opsPerSecond(), oneRead.opsPerSecond(), instances.firstPublish().opsPerSecond(),
                instances.firstRead().opsPerSecond(), instances.twoPublish().opsPerSecond(), instances.twoRead().opsPerSecond());
        ctx.awaitCaughtUp();
    }

    private static Load.Result publishAndDrain(BenchContext ctx, String name, List<Http> via, int posts, LongUnaryOperator author)
            throws Exception {
        Load.Result r = Writes.publish(name, via, ctx.options().concurrency(), posts, author);
        ctx.awaitCaughtUp();
        return r;
    }

    private static Load.Result reads(BenchContext ctx, String name, Load.WorkerFactory reader) throws Exception {
        return Load.closed(name, ctx.options().concurrency(), READ_WARMUP_SECONDS, READ_SECONDS, reader);
    }

    /** CPU seconds per second of the services' JVMs and PostgreSQL over a stretch without any request. */
    private static double idleCpu(BenchContext ctx) throws Exception {
        ctx.timeline().phase("idle");
        CpuMeter.Snapshot before = ctx.cpu().take();
        Thread.sleep(IDLE_MILLIS);
        CpuMeter.Snapshot after = ctx.cpu().take();
        return (after.service() - before.service() + after.peer() - before.peer() + after.postgres() - before.postgres())
                / (after.wall() - before.wall());
    }
}
