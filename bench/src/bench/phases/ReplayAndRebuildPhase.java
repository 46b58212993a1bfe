package bench.phases;

import bench.baselines.BulkRebuild;
import bench.baselines.Tables;
import bench.figures.RawRebuild;
import bench.figures.Rebuild;
import bench.figures.Replay;
import bench.figures.Replays;

/**
 * 5. The service's first in-place replay of home-feed, then a blue/green rebuild under the steady publish load, then
 * the raw bulk rebuild from the same events.
 */
final class ReplayAndRebuildPhase implements Phase {

    @Override
    public String name() {
        return "replay and rebuild";
    }

    @Override
    public void run(BenchContext ctx) throws Exception {
        Replay first = InPlaceReplay.run(ctx, "service replay");
        Rebuild rebuild = RebuildUnderLoad.run(ctx, first.seconds());
        ctx.timeline().phase("raw rebuild");
        BulkRebuild.Result raw = BulkRebuild.run(ctx.service());
        Tables.Fingerprint rebuilt = Tables.fingerprint(ctx.service(), "bench_rb_feed");
        // Against user_feed as the first replay left it; the rebuild under load has published more posts since.
        Tables.Fingerprint replayed = first.after();
        ctx.figures().add(new Replays(first, rebuild, new RawRebuild(raw, rebuilt.equals(replayed), rebuilt.rows() - replayed.rows())));
    }
}
