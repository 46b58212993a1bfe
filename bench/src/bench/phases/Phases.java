package bench.phases;

import java.util.List;

import bench.harness.Options;

/**
 * The phases, in the order they run. The order is part of the measurement: the reads and the publish compared with
 * the peer come after the first seven phases because those minutes of load are the JIT warm-up a fresh JVM needs on
 * 2 cores; the peer comes after them, while the service idles, so the two never share the CPUs during a measurement.
 * The two phases that restart the service (reads from a standby, replay with a window) come last: the CPU and memory
 * figures are the first process's.
 */
public final class Phases {

    private Phases() {
    }

    /**
     * Every phase runs but, in {@code --smoke}, the second instance's: its JVM's start and its warm-up to the first
     * instance's rate cannot be made small, and they would double the smoke run.
     */
    public static boolean runsIn(Phase phase, Options o) {
        return !(o.smokeRun() && phase instanceof TwoInstancesPhase);
    }

    public static List<Phase> inOrder() {
        return List.of(new FollowGraphPhase(), new PublishPhase(), new RawWritesPhase(), new PostToVisiblePhase(),
                new ReplayAndRebuildPhase(), new CatchUpPhase(), new HybridAuthorPhase(), new ReadsPhase(), new LongFeedsPhase(),
                new BoundedFeedsPhase(), new ErasurePhase(), new TwoInstancesPhase(), new PublishWarmPhase(), new PeerPhase(),
                new ReplicaReadsPhase(), new WindowReplayPhase());
    }
}
