package bench.phases;

import java.util.List;

import bench.baselines.Tables;
import bench.figures.CatchUp;
import bench.harness.Options;
import bench.harness.ProcessorStop;
import bench.harness.Require;
import bench.load.Graph;
import bench.load.Load;
import bench.load.Writes;

/**
 * 6. Catch-up: home-feed stopped on every instance, posts published (authors as in the publish phase), home-feed
 * started; feed rows per second from the start until it has applied every event.
 */
final class CatchUpPhase implements Phase {

    @Override
    public String name() {
        return "catch-up";
    }

    @Override
    public void run(BenchContext ctx) throws Exception {
        Options o = ctx.options();
        Graph graph = ctx.graph();
        ctx.timeline().phase("catch-up: home-feed stopped, " + o.catchUpPosts() + " posts");
        long[] authors = graph.authorsAsPublished(o.catchUpPosts(), o.seed() + 3, o.celebShare());
        long rows = graph.feedRows(authors);
        long rowsBefore = Tables.fingerprint(ctx.service(), "user_feed").rows();
        Load.Result publish;
        long t0;
        try (ProcessorStop stopped = ProcessorStop.everywhere(ctx.service(), "home-feed")) {
            publish = Writes.publish("catch-up publish", List.of(ctx.http()), o.concurrency(), authors.length, seq -> authors[(int) seq]);
            ctx.timeline().phase("catch-up: home-feed started");
            t0 = System.nanoTime();
        }
        ctx.awaitCaughtUp();
        double seconds = (System.nanoTime() - t0) / 1e9;
        long inserted = Tables.fingerprint(ctx.service(), "user_feed").rows() - rowsBefore;
        Require.that(publish.errors() == 0, "catch-up publish errors: " + publish.firstError());
        ctx.figures().add(new CatchUp(authors.length, rows, inserted, publish.opsPerSecond(), seconds));
        System.out.printf("  catch-up: %d feed rows of %d posts applied in %.2f s after the start = %.0f rows/s%n",
                rows, authors.length, seconds, rows / seconds);
        ctx.recordLiveHeap();
    }
}
