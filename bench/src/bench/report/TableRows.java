package bench.report;

import static bench.report.Format.fmt;
import static bench.report.Format.ms;

import java.util.ArrayList;
import java.util.List;

import bench.figures.Audience;
import bench.figures.BoundedFeeds;
import bench.figures.Erasure;
import bench.figures.Figures;
import bench.figures.GraphLoad;
import bench.figures.Instances;
import bench.figures.LongFeeds;
import bench.figures.MemoryUse;
import bench.figures.PeerRun;
import bench.figures.PostVisible;
import bench.figures.Publish;
import bench.figures.PublishWarm;
import bench.figures.Reads;
import bench.figures.Replays;
import bench.figures.ReplicaReads;
import bench.figures.WindowReplay;
import bench.harness.CpuMeter;
import bench.load.Visibility;

/**
 * The results table of a run: each target that applies (its row's value, threshold and PASS/FAIL from {@link Target}),
 * with the figures that explain it next to it, then the raw-SQL limits and the figures read for themselves.
 */
final class TableRows {

    private final Run run;
    private final Figures f;
    private final List<Row> rows = new ArrayList<>();

    private TableRows(Run run) {
        this.run = run;
        this.f = run.figures();
    }

    static List<Row> of(Run run) {
        TableRows t = new TableRows(run);
        t.peer();
        t.replays();
        t.scaling();
        t.boundedFeeds();
        t.windowReplay();
        t.replicaReads();
        t.erasure();
        t.instances();
        t.costs();
        t.rawLimits();
        t.latencies();
        t.startAndMemory();
        return t.rows;
    }

    private void peer() {
        if (Target.READ_VS_PEER.applies(f)) {
            rows.add(Row.ratio(Target.READ_VS_PEER, f, "peer " + fmt(f.peer().reads().opsPerSecond()) + " pages/s",
                    fmt(f.reads().serviceClosed().opsPerSecond()) + " pages/s"));
            rows.add(Row.reported("share of those pages the projection answered alone (the rest: source truth)", "all pages",
                    "from the projection", f.reads().projectionShare()));
        }
        if (Target.PUBLISH_VS_PEER.applies(f)) {
            rows.add(Row.ratio(Target.PUBLISH_VS_PEER, f, "peer " + fmt(f.peer().publish().opsPerSecond()) + " posts/s",
                    fmt(f.publishWarm().publish().opsPerSecond()) + " posts/s"));
        }
    }

    private void replays() {
        if (!f.has(List.of(Replays.class))) return;
        Replays r = f.replays();
        rows.add(Row.ratio(Target.REBUILD_VS_REPLAY, f, "replay " + fmt(r.first().seconds()) + " s", "rebuild " + fmt(r.rebuild().seconds()) + " s"));
        rows.add(Row.limit(Target.POST_VISIBLE_DURING_REBUILD, f, "-"));
        rows.add(Row.ratio(Target.REPLAY_VS_RAW, f, fmt(r.raw().result().seconds()) + " s", fmt(r.first().seconds()) + " s"));
        CpuMeter.ByThread cpu = r.first().byThread();
        rows.add(Row.figure("that replay's JVM CPU: JIT compilers / event processors / GC / rest (s)", "-",
                fmt(cpu.compilerSeconds()) + " / " + fmt(cpu.processorsSeconds()) + " / " + fmt(cpu.gcSeconds()) + " / "
                        + fmt(cpu.restSeconds()), "(no target)"));
    }

    private void scaling() {
        if (Target.CATCH_UP_VS_RAW.applies(f)) {
            rows.add(Row.ratio(Target.CATCH_UP_VS_RAW, f, fmt(f.rawWrites().fanOut().unitsPerSecond()) + " rows/s",
                    fmt(f.catchUp().rowsPerSecond()) + " rows/s"));
        }
        if (!f.has(List.of(LongFeeds.class))) return;
        LongFeeds l = f.longFeeds();
        rows.add(Row.ratio(Target.REPLAY_AT_4X, f, "1x " + fmt(l.first().seconds()) + " s",
                fmt(l.at4x().seconds()) + " s (" + fmt(l.eventsVsFirst()) + "x, " + fmt(l.at4x().events()) + " events)"));
        rows.add(Row.ratio(Target.LONG_FEED_READS, f, "short " + ms(l.shortReads().percentileMs(50)) + " (" + l.shortFeedRows() + " rows)",
                "long " + ms(l.longReads().percentileMs(50)) + " (" + fmt(l.longFeedRows()) + " rows)"));
    }

    private void boundedFeeds() {
        if (!f.has(List.of(BoundedFeeds.class))) return;
        BoundedFeeds b = f.boundedFeeds();
        rows.add(Row.limit(Target.DEEP_PAGE_P99, f, "-"));
        rows.add(Row.ratio(Target.DEEP_VS_FIRST_PAGE, f, "page 1 " + ms(b.firstReads().percentileMs(99)),
                "page " + b.deepPage() + " " + ms(b.deepReads().percentileMs(99))));
        rows.add(Row.limit(Target.RETURNING_FIRST_READ_P99, f, "-"));
        rows.add(Row.ratio(Target.FANOUT_HALF_INACTIVE, f, "all read " + fmt(b.rowsPerPostAllRead()) + " rows/post",
                "half read " + fmt(b.rowsPerPostHalfRead()) + " rows/post"));
        rows.add(Row.reported("user_feed rows with the window vs an unbounded fan-out", fmt(b.unboundedRows()) + " rows",
                fmt(b.storedRows()) + " rows", b.storedVsUnbounded()));
    }

    private void windowReplay() {
        if (!f.has(List.of(WindowReplay.class))) return;
        WindowReplay w = f.windowReplay();
        rows.add(Row.ratio(Target.WINDOW_REPLAY_ROWS, f, fmt(w.unboundedRows()) + " rows", fmt(w.windowedRows()) + " rows"));
        rows.add(Row.ratio(Target.WINDOW_REPLAY_TIME, f, fmt(w.unboundedSeconds()) + " s", fmt(w.windowedSeconds()) + " s ("
                + fmt(w.events()) + " events, " + fmt(w.readers()) + " readers)"));
    }

    private void replicaReads() {
        if (!f.has(List.of(ReplicaReads.class))) return;
        ReplicaReads r = f.replicaReads();
        rows.add(Row.ratio(Target.REPLICA_ROUTING, f, "alone " + fmt(r.primaryOnly().opsPerSecond()),
                "standby " + fmt(r.withStandby().opsPerSecond()) + " (" + fmt(r.standbyShare() * 100) + " % from it)"));
        rows.add(Row.figure("feed read p99 from the standby, open loop at half its closed-loop rate", "-",
                ms(r.standbyOpen().percentileMs(99)), "(no target)"));
    }

    private void erasure() {
        if (!f.has(List.of(Erasure.class))) return;
        rows.add(Row.limit(Target.ERASURE_MS, f, "204 after " + ms(f.erasure().acknowledgedMs())));
    }

    private void instances() {
        if (!f.has(List.of(Instances.class))) return;
        // The bar is on the coordination's cost: the first instance serving while the second runs beside it (leases,
        // claims, its segment). Requests spread over both JVMs on two cores are reported with no target.
        Instances i = f.instances();
        rows.add(Row.ratio(Target.PUBLISH_COORDINATION, f, "one " + fmt(i.onePublish().opsPerSecond()), "two " + fmt(i.firstPublish().opsPerSecond())));
        rows.add(Row.ratio(Target.READ_COORDINATION, f, "one " + fmt(i.oneRead().opsPerSecond()), "two " + fmt(i.firstRead().opsPerSecond())));
        rows.add(Row.reported("publish, both instances serving vs one (posts/s)", "one " + fmt(i.onePublish().opsPerSecond()),
                "two " + fmt(i.twoPublish().opsPerSecond()), i.publishTwoVsOne()));
        rows.add(Row.reported("feed reads, both instances serving vs one (pages/s)", "one " + fmt(i.oneRead().opsPerSecond()),
                "two " + fmt(i.twoRead().opsPerSecond()), i.readTwoVsOne()));
        rows.add(Row.figure("CPU while idle, JVMs + PostgreSQL (ms per s): one instance / two", "-",
                fmt(1000 * i.idleOne()) + " / " + fmt(1000 * i.idleTwo()), "(no target)"));
    }

    private void costs() {
        if (f.has(List.of(Audience.class))) {
            Audience a = f.audience();
            rows.add(Row.figure("publish p99, hybrid author (" + fmt(a.hybridFollowers()) + " followers) / author with "
                    + a.smallAuthorFollowers() + " followers", "-", ms(a.hybrid().percentileMs(99)) + " / "
                    + ms(a.smallAuthor().percentileMs(99)), "(no target)"));
        }
        rows.add(Row.figure("CPU per post: JVM + PostgreSQL (µs)",
                "peer " + perOperation(f.find(PeerRun.class).map(PeerRun::publishCpu).orElse(null)),
                perOperation(f.find(PublishWarm.class).map(PublishWarm::cpu).orElse(null)), "(no target)"));
        rows.add(Row.figure("CPU per page: JVM + PostgreSQL (µs)",
                "peer " + perOperation(f.find(PeerRun.class).map(PeerRun::readCpu).orElse(null)),
                perOperation(f.find(Reads.class).map(Reads::serviceCpu).orElse(null)), "(no target)"));
    }

    private static String perOperation(CpuMeter.PerOperation cpu) {
        return cpu == null ? "n/a + n/a" : fmt(cpu.jvmMicros()) + " + " + fmt(cpu.postgresMicros());
    }

    private void rawLimits() {
        if (Reference.PUBLISH_VS_RAW.applies(f)) {
            rows.add(Row.reference(Reference.PUBLISH_VS_RAW, f, fmt(f.rawWrites().inserts().unitsPerSecond()) + " rows/s",
                    fmt(f.publishWarm().publish().opsPerSecond()) + " posts/s"));
        }
        if (Reference.LIVE_FANOUT_VS_RAW.applies(f)) {
            rows.add(Row.reference(Reference.LIVE_FANOUT_VS_RAW, f, fmt(f.rawWrites().fanOut().unitsPerSecond()) + " rows/s",
                    fmt(f.publish().liveFanoutRowsPerSecond()) + " rows/s"));
        }
        if (Reference.FEED_READ_VS_RAW.applies(f)) {
            rows.add(Row.reference(Reference.FEED_READ_VS_RAW, f, fmt(f.reads().rawClosed().opsPerSecond()) + " pages/s",
                    fmt(f.reads().serviceClosed().opsPerSecond()) + " pages/s"));
        }
    }

    private void latencies() {
        if (f.has(List.of(Reads.class))) {
            Reads r = f.reads();
            rows.add(Row.figure("feed read p50 @ " + fmt(r.offeredPerSecond()) + "/s open loop", ms(r.rawOpen().percentileMs(50)),
                    ms(r.serviceOpen().percentileMs(50)), ""));
            rows.add(Row.limit(Target.FEED_READ_P99, f, ms(r.rawOpen().percentileMs(99))));
        }
        if (f.has(List.of(PostVisible.class))) {
            PostVisible v = f.postVisible();
            rows.add(Row.figure("post-to-visible p50 @ " + fmt(run.options().steadyRate()) + " posts/s (<= "
                    + fmt(Visibility.BIG_AUTHOR_FOLLOWERS) + " followers)", "-", ms(v.p50Ms()), ""));
            rows.add(Row.limit(Target.POST_VISIBLE_P99, f, "-"));
            rows.add(Row.figure("post-to-visible p50 / p99, hybrid author (" + fmt(run.graph().followers[(int) run.graph().hybrid])
                    + " followers)", "-", ms(v.hybridP50Ms()) + " / " + ms(v.hybridP99Ms()), "(no target)"));
        }
    }

    private void startAndMemory() {
        if (f.has(List.of(GraphLoad.class))) {
            rows.add(Row.figure("follows over HTTP (graph load, the first minutes after the start)", "-",
                    fmt(f.graphLoad().follows().opsPerSecond()) + " /s", ""));
        }
        if (f.has(List.of(Publish.class))) {
            rows.add(Row.figure("publish, the first minutes after the start (posts/s)", "-",
                    fmt(f.publish().publish().opsPerSecond()) + " posts/s", ""));
        }
        if (f.has(List.of(MemoryUse.class))) {
            rows.add(Row.limit(Target.HEAP_MAX, f, "-Xmx" + run.options().heap()));
            rows.add(Row.figure("live heap after full GC, max", "-", fmt(f.memory().liveHeapMaxMiB()) + " MiB", ""));
            rows.add(Row.figure("RSS, max", "-", fmt(f.memory().rssMaxMiB()) + " MiB", "(reported)"));
        }
    }
}
