package bench.report;

import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import bench.figures.Figures;
import bench.figures.JsonSections;
import bench.figures.LongFeeds;
import bench.harness.Memory;
import bench.load.Timeline;

/** latest.json: the run, the targets' ratios and checks, the headline figures, then every phase's figures and the time series. */
final class JsonReport {

    private JsonReport() {
    }

    static Map<String, Object> of(Run run) {
        Figures f = run.figures();
        JsonSections sections = f.json();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("mode", run.options().mode());
        out.put("started", run.started().truncatedTo(ChronoUnit.SECONDS).toString());
        out.put("wall_seconds", run.wallSeconds());
        Map<String, Object> machine = new LinkedHashMap<>();
        machine.put("cpus", Runtime.getRuntime().availableProcessors());
        machine.put("java", System.getProperty("java.version"));
        out.put("machine", machine);
        out.put("jar", run.options().jar().toString());
        if (System.getenv("BENCH_GIT") != null) out.put("git", run.git());
        out.put("sizes", run.options().json());

        Map<String, Object> ratios = new LinkedHashMap<>();
        for (Target t : List.of(Target.CATCH_UP_VS_RAW, Target.REBUILD_VS_REPLAY, Target.READ_VS_PEER, Target.PUBLISH_VS_PEER,
                Target.REPLAY_VS_RAW)) {
            ratios.put(t.id(), t.value(f));
        }
        for (Reference r : Reference.values()) ratios.put(r.id(), r.value(f));
        out.put("ratios", ratios);
        Map<String, Object> scaling = new LinkedHashMap<>();
        scaling.put(Target.REPLAY_AT_4X.id(), Target.REPLAY_AT_4X.value(f));
        scaling.put("replay_events_ratio", f.valueOf(LongFeeds.class, LongFeeds::eventsVsFirst));
        scaling.put(Target.LONG_FEED_READS.id(), Target.LONG_FEED_READS.value(f));
        out.put("scaling", scaling);
        Map<String, Object> checks = new LinkedHashMap<>();
        for (Target t : Target.values()) {
            if (!t.applies(f)) continue;
            Map<String, Object> check = new LinkedHashMap<>();
            check.put("value", t.value(f));
            check.put("target", t.text());
            check.put("pass", t.passes(f));
            checks.put(t.id(), check);
        }
        out.put("checks", checks);
        out.putAll(sections.headline());

        out.put("raw", sections.raw());
        out.put("service", sections.service());
        sections.info().put("cpu_per_operation", sections.cpuPerOperation());
        out.put("info", sections.info());
        List<Object> phases = new ArrayList<>();
        for (Timeline.Phase p : run.timeline().phases()) phases.add(p.json());
        out.put("phases", phases);
        out.put("series", run.timeline().series().json());
        List<Object> gcs = new ArrayList<>();
        for (Memory.GcPoint g : run.gc()) gcs.add(List.of(g.benchSeconds(), g.afterMiB()));
        out.put("gc_heap_after_mib", gcs);
        return out;
    }
}
