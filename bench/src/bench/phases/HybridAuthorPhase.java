package bench.phases;

import java.util.List;
import java.util.OptionalDouble;

import bench.figures.Audience;
import bench.harness.Http;
import bench.harness.Options;
import bench.harness.Require;
import bench.load.Graph;
import bench.load.Load;
import bench.load.Writes;

/**
 * 7. The hybrid author taken to its largest audience over HTTP, then publish latency (closed loop, two connections)
 * of that author against an author with about ten followers: a post's price must not grow with its audience.
 */
final class HybridAuthorPhase implements Phase {

    @Override
    public String name() {
        return "hybrid author";
    }

    @Override
    public void run(BenchContext ctx) throws Exception {
        Options o = ctx.options();
        Graph graph = ctx.graph();
        Http http = ctx.http();
        ctx.timeline().phase("hybrid author to " + o.bigHybrid() + " followers");
        OptionalDouble followsPerSecond = OptionalDouble.empty();
        if (graph.bigExtras > 0) {
            Load.Result f = Load.closedCount("hybrid author's followers", o.concurrency(), graph.bigExtras,
                    index -> seq -> Writes.follow(http, graph.bigExtrasStart + seq, graph.hybrid));
            Require.that(f.errors() == 0, "follow errors: " + f.firstError());
            followsPerSecond = OptionalDouble.of(f.opsPerSecond());
        }
        ctx.awaitCaughtUp();
        long small = graph.authorWithFollowers(10);
        ctx.timeline().phase("publish latency: hybrid author vs " + graph.followers[(int) small] + " followers");
        Load.Result few = Writes.publish("author with " + graph.followers[(int) small] + " followers", List.of(http), 2,
                o.audiencePosts(), seq -> small);
        Load.Result many = Writes.publish("hybrid author", List.of(http), 2, o.audiencePosts(), seq -> graph.hybrid);
        Require.that(few.errors() + many.errors() == 0, "publish errors: " + few.firstError() + " " + many.firstError());
        ctx.figures().add(new Audience(followsPerSecond, graph.followers[(int) graph.hybrid] + graph.bigExtras,
                graph.followers[(int) small], many, few));
        ctx.awaitCaughtUp();
    }
}
