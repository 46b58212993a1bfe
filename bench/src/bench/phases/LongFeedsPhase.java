package bench.phases;

import java.util.List;

import bench.figures.LongFeeds;
import bench.figures.Replay;
import bench.harness.Http;
import bench.harness.Options;
import bench.harness.Require;
import bench.load.Graph;
import bench.load.Load;
import bench.load.Writes;

/**
 * 9. Long feeds against short ones, and the replay at four times the events of the first: the prolific authors'
 * posts give {@value Graph#SCALE_VIEWERS} viewers at least {@code longFeed} feed rows each and bring the store to four
 * times the events of the first replay; the modest author's {@value #SHORT_FEED} posts make the short feeds.
 */
final class LongFeedsPhase implements Phase {

    static final int SHORT_FEED = 100;

    @Override
    public String name() {
        return "long feeds and replay at 4x";
    }

    @Override
    public void run(BenchContext ctx) throws Exception {
        Options o = ctx.options();
        Graph graph = ctx.graph();
        Http http = ctx.http();
        ctx.timeline().phase("long and short feeds");
        for (long v : graph.longViewers) for (long a : graph.prolific) Writes.follow(http, v, a);
        for (long v : graph.shortViewers) Writes.follow(http, v, graph.modest);
        Replay first = ctx.figures().replays().first();
        long posts = Math.max(o.longFeed(), 4 * first.events() - ctx.homeFeed().headPosition() - SHORT_FEED);
        Load.Result prolific = Writes.publish("prolific authors", List.of(http), o.concurrency(), posts,
                seq -> graph.prolific[(int) (seq % graph.prolific.length)]);
        Load.Result modest = Writes.publish("modest author", List.of(http), 4, SHORT_FEED, seq -> graph.modest);
        Require.that(prolific.errors() + modest.errors() == 0, "publish errors: " + prolific.firstError() + " " + modest.firstError());
        ctx.awaitCaughtUp();

        ctx.timeline().phase("feed reads: long feeds vs short feeds");
        Load.Result longReads = Load.closed("long feeds", 4, o.scaleWarmupSeconds(), o.scaleReadSeconds(), ctx.feedReader(graph.longViewers));
        Load.Result shortReads = Load.closed("short feeds", 4, o.scaleWarmupSeconds(), o.scaleReadSeconds(), ctx.feedReader(graph.shortViewers));
        Require.that(longReads.errors() + shortReads.errors() == 0, "read errors: " + longReads.firstError() + " " + shortReads.firstError());

        Replay at4x = InPlaceReplay.run(ctx, "service replay at 4x the events");
        ctx.figures().add(new LongFeeds(posts, SHORT_FEED, longReads, shortReads, first, at4x));
    }
}
