package bench.phases;

import bench.baselines.PerPostFanOut;
import bench.baselines.SingleRowInserts;
import bench.figures.RawWrites;
import bench.harness.Options;
import bench.harness.Require;
import bench.load.Load;

/** 3. Raw single-row inserts, then the raw per-post fan-out of the publish phase's posts. */
final class RawWritesPhase implements Phase {

    @Override
    public String name() {
        return "raw writes";
    }

    @Override
    public void run(BenchContext ctx) throws Exception {
        Options o = ctx.options();
        ctx.timeline().phase("raw single-row inserts");
        Load.Result inserts = SingleRowInserts.run(ctx.service(), o.rawWriteConnections(), 1, o.insertSeconds());
        ctx.timeline().phase("raw per-post fan-out");
        PerPostFanOut.prepare(ctx.service());
        Load.Result fanOut = PerPostFanOut.run(ctx.service(), ctx.published().posts(), o.rawWriteConnections());
        Require.that(fanOut.errors() == 0 && inserts.errors() == 0, "raw write errors: " + fanOut.firstError() + " " + inserts.firstError());
        ctx.figures().add(new RawWrites(inserts, fanOut));
    }
}
