package bench.phases;

import bench.figures.PostVisible;
import bench.harness.Options;
import bench.load.Visibility;

/** 4. Post-to-visible at a steady publish rate, with the hybrid author publishing alongside. */
final class PostToVisiblePhase implements Phase {

    @Override
    public String name() {
        return "post-to-visible";
    }

    @Override
    public void run(BenchContext ctx) throws Exception {
        Options o = ctx.options();
        ctx.timeline().phase("post-to-visible @" + Math.round(o.steadyRate()) + "/s");
        Visibility v = new Visibility(ctx.http(), ctx.graph(), o.celebShare());
        Visibility.Outcome out = v.run(o.steadyRate(), o.hybridRate(), o.steadySeconds());
        ctx.figures().add(new PostVisible(out, v.watchers()));
        ctx.awaitCaughtUp();
        ctx.recordLiveHeap();
    }
}
