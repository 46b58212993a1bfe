package bench.report;

import java.time.Instant;
import java.util.List;

import bench.figures.Figures;
import bench.harness.Memory;
import bench.harness.Options;
import bench.load.Graph;
import bench.load.Timeline;

/** A finished run, as the report reads it. */
public record Run(Options options, Graph graph, Instant started, double wallSeconds, Timeline timeline, List<Memory.GcPoint> gc,
                  Figures figures) {

    /** The git revision bench/run.sh found ({@code +dirty} with uncommitted changes outside bench/), if it ran. */
    String git() {
        String git = System.getenv("BENCH_GIT");
        return git == null ? "unknown" : git;
    }
}
