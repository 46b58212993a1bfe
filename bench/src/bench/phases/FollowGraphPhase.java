package bench.phases;

import java.time.Duration;

import bench.figures.GraphLoad;
import bench.harness.Http;
import bench.harness.Require;
import bench.load.Graph;
import bench.load.Load;
import bench.load.Writes;

/** 1. The follow graph over HTTP ({@code PUT /api/v1/following/{id}}), then the wait until home-feed has caught up. */
final class FollowGraphPhase implements Phase {

    @Override
    public String name() {
        return "follow graph";
    }

    @Override
    public void run(BenchContext ctx) throws Exception {
        Graph graph = ctx.graph();
        Http http = ctx.http();
        ctx.timeline().phase("follow graph over HTTP");
        Load.Result follows = Load.closedCount("service follows", ctx.options().concurrency(), graph.follows(),
                index -> seq -> Writes.follow(http, graph.pairFollower[(int) seq], graph.pairFollowee[(int) seq]));
        double caughtUp = ctx.homeFeed().awaitCaughtUp(Duration.ofMinutes(30));
        Require.that(follows.errors() == 0, "follow errors: " + follows.firstError());
        ctx.figures().add(new GraphLoad(follows, caughtUp, graph));
        ctx.recordLiveHeap();
    }
}
