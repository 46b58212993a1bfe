package bench.phases;

import java.util.List;

import bench.figures.Erasure;
import bench.harness.Http;
import bench.harness.Require;
import bench.load.Load;
import bench.load.Writes;

/**
 * 11. Erasure: a user with {@code erasureSize} followers (who all read, so each keeps a window) and as many posts is
 * erased; the time to the {@code 204}, and to the moment every projection has handled the erasure ({@code completedAt}).
 */
final class ErasurePhase implements Phase {

    /** Ids far above every id the graph and the bounded-feeds phase use. */
    private static final long ERASED = 940_000_001L;
    private static final long FOLLOWERS = 950_000_000L;

    @Override
    public String name() {
        return "erasure";
    }

    @Override
    public void run(BenchContext ctx) throws Exception {
        Http http = ctx.http();
        int size = ctx.options().erasureSize();
        ctx.timeline().phase("erasure: a user with " + size + " posts and " + size + " followers");
        Load.Result follows = Load.closedCount("followers of the erased user", ctx.options().concurrency(), size,
                index -> seq -> Writes.follow(http, FOLLOWERS + seq, ERASED));
        Load.Result reads = Load.closedCount("their first reads", ctx.options().concurrency(), size,
                index -> seq -> check(http.get("/api/v1/feed?limit=1", http.auth(FOLLOWERS + seq))));
        Load.Result posts = Writes.publish("posts of the erased user", List.of(http), 4, size, seq -> ERASED);
        Require.that(follows.errors() + reads.errors() + posts.errors() == 0,
                "erasure set-up errors: " + follows.firstError() + " " + reads.firstError() + " " + posts.firstError());
        ctx.awaitCaughtUp();

        long start = System.nanoTime();
        Http.Resp erased = http.delete("/admin/users/" + ERASED, http.adminAuth());
        Require.that(erased.status() == 204, "erasure: " + erased.status() + " " + erased.body());
        double acknowledged = (System.nanoTime() - start) / 1e6;
        while (!http.get("/admin/users/" + ERASED + "/erasure", http.adminAuth()).body().contains("\"completedAt\":\"")) {
            Require.that(System.nanoTime() - start < 120_000_000_000L, "the erasure did not complete within 120 s");
            Thread.sleep(5);
        }
        double completed = (System.nanoTime() - start) / 1e6;
        System.out.printf("  erasure of a user with %d posts and %d reading followers: 204 after %.1f ms, complete after %.1f ms%n",
                size, size, acknowledged, completed);
        ctx.figures().add(new Erasure(size, acknowledged, completed));
    }

    private static long check(Http.Resp r) {
        if (r.status() != 200) throw new IllegalStateException("feed: " + r.status() + " " + r.body());
        return 1;
    }
}
