package bench.phases;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.Map;

import bench.baselines.PublishedPost;
import bench.baselines.Tables;
import bench.figures.Publish;
import bench.harness.Http;
import bench.harness.Json;
import bench.harness.Options;
import bench.harness.Require;
import bench.load.Graph;
import bench.load.Load;
import bench.load.Writes;

/**
 * 2. Posts over HTTP on the fresh JVM, and the live projection's fan-out until home-feed has applied them all. The
 * posts, with the ids and times the service gave them, are kept for the raw fan-out and the later publish phases.
 */
final class PublishPhase implements Phase {

    @Override
    public String name() {
        return "publish and live projection";
    }

    @Override
    public void run(BenchContext ctx) throws Exception {
        Options o = ctx.options();
        Graph graph = ctx.graph();
        Http http = ctx.http();
        ctx.timeline().phase("publish + live projection");
        long[] authors = graph.authorsAsPublished(o.posts(), o.seed() + 1, o.celebShare());
        long logicalRows = graph.feedRows(authors);
        PublishedPost[] published = new PublishedPost[o.posts()];
        long rowsBefore = Tables.fingerprint(ctx.service(), "user_feed").rows();
        long t0 = System.nanoTime();
        Load.Result publish = Load.closedCount("service publish", o.concurrency(), o.posts(), index -> seq -> {
            long author = authors[(int) seq];
            String text = Writes.postText(seq);
            Http.Resp r = http.post("/api/v1/posts", http.auth(author), "{\"text\":" + Json.quote(text) + "}");
            if (r.status() != 201) throw new IllegalStateException("publish: " + r.status() + " " + r.body());
            Map<String, Object> p = Json.object(r.body());
            published[(int) seq] = new PublishedPost(Long.parseLong((String) p.get("postId")), author, text,
                    OffsetDateTime.parse((String) p.get("createdAt")));
            return 1;
        });
        double drain = ctx.homeFeed().awaitCaughtUp(Duration.ofMinutes(60));
        double total = (System.nanoTime() - t0) / 1e9;
        Require.that(publish.errors() == 0, "publish errors: " + publish.firstError());
        long rowsAfter = Tables.fingerprint(ctx.service(), "user_feed").rows();
        ctx.figures().add(new Publish(publish, logicalRows, rowsAfter - rowsBefore, drain, total));
        System.out.printf("  live projection: %d feed rows (%d user_feed rows inserted) caught up %.1f s after the first publish "
                + "(%.1f s after the last) = %.0f rows/s%n", logicalRows, rowsAfter - rowsBefore, total, drain, logicalRows / total);
        ctx.recordLiveHeap();
        ctx.published(new BenchContext.Published(authors, Arrays.asList(published)));
    }
}
