package bench.phases;

import java.time.Duration;
import java.util.List;

import bench.figures.PeerRun;
import bench.harness.CpuMeter;
import bench.harness.Http;
import bench.harness.Jwt;
import bench.harness.Options;
import bench.harness.Peer;
import bench.harness.Require;
import bench.load.Graph;
import bench.load.Load;
import bench.load.WarmUp;
import bench.load.Writes;

/**
 * 14. The like-for-like peer on the same PostgreSQL, after the service's phases: the same follow graph, the same posts
 * by the same authors, and the same closed-loop reads by the same viewers at the same concurrency, each after a
 * warm-up until steady and a wait for the peer's compiler to go quiet.
 */
final class PeerPhase implements Phase {

    @Override
    public String name() {
        return "peer";
    }

    @Override
    public void run(BenchContext ctx) throws Exception {
        Options o = ctx.options();
        if (o.peerJar() == null) {
            System.out.println("  no --peer-jar: peer figures skipped");
            return;
        }
        Graph graph = ctx.graph();
        CpuMeter cpu = ctx.cpu();
        Duration quietLimit = Duration.ofSeconds((long) o.quietLimitSeconds());
        long[] authors = ctx.published().authors();
        ctx.timeline().phase("start peer");
        Peer peer = Peer.start(o.peerJar().toAbsolutePath(), ctx.service(), o.results().toAbsolutePath(), o.heap());
        ctx.processes().started(peer);
        PeerRun run;
        try {
            peer.awaitUp(Duration.ofMinutes(3));
            cpu.meterPeer(peer.pid());
            Http via = new Http(peer.port(), new Jwt(ctx.service().jwtSecret()));
            ctx.timeline().phase("peer follow graph");
            Load.Result follows = Load.closedCount("peer follows", o.concurrency(), graph.follows(),
                    index -> seq -> Writes.follow(via, graph.pairFollower[(int) seq], graph.pairFollowee[(int) seq]));
            ctx.timeline().phase("peer publish");
            List<Double> publishWarmUp = WarmUp.untilSteady("peer publish warm-up", o.concurrency(), o.roundSeconds(),
                    Writes.publisher("peer warm-up publish", List.of(via), seq -> 1 + (seq % graph.users)), 2, 6);
            double publishQuiet = WarmUp.compilerQuiet("peer", cpu, quietLimit);
            CpuMeter.Snapshot publishCpu = cpu.take();
            Load.Result publish = Writes.publish("peer publish", List.of(via), o.concurrency(), o.posts(), seq -> authors[(int) seq]);
            CpuMeter.PerOperation publishPerPost = cpu.perOperation(publishCpu, o.posts(), true);
            ctx.timeline().phase("peer feed reads, closed loop");
            List<Double> readWarmUp = WarmUp.untilSteady("peer feed reads warm-up", o.concurrency(), o.roundSeconds(),
                    ctx.feedReader(via), 6, 12);
            double readQuiet = WarmUp.compilerQuiet("peer", cpu, quietLimit);
            CpuMeter.Snapshot readCpu = cpu.take();
            long readOps = Load.OPS.get();
            Load.Result reads = Load.closed("peer feed reads", o.concurrency(), 0, o.readSeconds(), ctx.feedReader(via));
            CpuMeter.PerOperation readPerPage = cpu.perOperation(readCpu, Load.OPS.get() - readOps, true);
            Require.that(follows.errors() + publish.errors() + reads.errors() == 0,
                    "peer errors: " + follows.firstError() + " " + publish.firstError() + " " + reads.firstError());
            run = new PeerRun(follows.opsPerSecond(), publishWarmUp, publishQuiet, publish, publishPerPost, readWarmUp, readQuiet,
                    reads, readPerPage);
        } finally {
            peer.stop();
            ctx.processes().stopped(peer);
            cpu.meterPeer(0);
        }
        ctx.figures().add(run);
    }
}
