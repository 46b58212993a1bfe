package bench;

import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

import bench.baselines.Tables;
import bench.figures.MemoryUse;
import bench.figures.ServiceStart;
import bench.harness.Memory;
import bench.harness.Options;
import bench.harness.Processes;
import bench.harness.Service;
import bench.load.Graph;
import bench.load.Timeline;
import bench.phases.BenchContext;
import bench.phases.Phase;
import bench.phases.Phases;
import bench.report.Markdown;
import bench.report.Report;
import bench.report.Run;

/**
 * The benchmark: starts the service on its embedded PostgreSQL, runs the phases in order (each measures the service
 * next to raw SQL or the peer, driven by the same loops), stops it, and writes the report. See docs/benchmark.md.
 */
public final class Bench {

    private final Options o;
    private final Graph graph;

    private Bench(Options o) {
        this.o = o;
        this.graph = new Graph(o.users(), o.follows(), o.celebFollowers(), o.hybridFollowers(), o.bigHybrid(), o.seed());
    }

    public static void main(String[] args) throws Exception {
        if (Arrays.asList(args).contains("--targets")) {
            System.out.print(Markdown.targetsTable());
            return;
        }
        Options o = Options.parse(args);
        Files.createDirectories(o.results());
        new Bench(o).run();
    }

    private void run() throws Exception {
        Instant started = Instant.now();
        System.out.printf("feed benchmark (%s): %d users, %d follows (~%d each), celebrity %d followers, hybrid author %d followers, %d posts%n",
                o.mode(), graph.users, graph.follows(), o.follows(), graph.followers[(int) graph.celebrity],
                graph.followers[(int) graph.hybrid], o.posts());
        Timeline timeline = new Timeline();
        Processes processes = new Processes();
        timeline.phase("start service");
        Service service = Service.start(o.jar().toAbsolutePath(), o.results().toAbsolutePath(), o.heap(), o.jvmOptions());
        processes.started(service);
        Thread hook = new Thread(processes::emergencyStop);
        Runtime.getRuntime().addShutdownHook(hook);
        BenchContext ctx = null;
        boolean ok = false;
        try {
            service.awaitUp(Duration.ofMinutes(5));
            ctx = new BenchContext(o, graph, timeline, processes, service);
            timeline.startSampling(ctx.memory(), ctx.homeFeed());
            timeline.meterCpu(ctx.cpu());
            ctx.figures().add(new ServiceStart(timeline.sinceStart()));
            runPhases(ctx);
            timeline.phase("cleanup");
            Tables.dropScratch(service);
            ctx.recordLiveHeap();
            ok = true;
        } finally {
            timeline.stopSampling();
            timeline.phase("stop service");
            service.stop();
            processes.stopped(service);
            Runtime.getRuntime().removeShutdownHook(hook);
            timeline.phase("done");
            if (!o.keepData()) service.deleteData();
            else System.out.println("  kept " + service.dataDir());
        }
        double wall = Duration.between(started, Instant.now()).toMillis() / 1000.0;
        if (ok) {
            // Read after the stop, so that the GC log is complete.
            List<Memory.GcPoint> gc = ctx.memory().gcPoints();
            ctx.figures().add(new MemoryUse(gc.stream().mapToDouble(Memory.GcPoint::afterMiB).max().orElse(Double.NaN),
                    ctx.liveHeap().stream().filter(d -> !d.isNaN()).mapToDouble(Double::doubleValue).max().orElse(Double.NaN),
                    timeline.rssMax()));
            new Report(new Run(o, graph, started, wall, timeline, gc, ctx.figures())).write();
        }
    }

    private static void runPhases(BenchContext ctx) throws Exception {
        for (Phase phase : Phases.inOrder()) {
            if (!Phases.runsIn(phase, ctx.options())) {
                System.out.println("  " + ctx.options().mode() + ": phase '" + phase.name() + "' skipped");
                continue;
            }
            try {
                phase.run(ctx);
            } catch (Exception e) {
                throw new IllegalStateException("phase '" + phase.name() + "' failed: " + e.getMessage(), e);
            }
        }
    }
}
