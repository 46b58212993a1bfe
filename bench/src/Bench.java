import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The benchmark: starts the service on its embedded PostgreSQL, loads a follow graph and posts through the HTTP API,
 * and measures each service figure next to its raw-SQL baseline on the same database, driven by the same loops.
 * Writes {@code results/latest.json} and {@code results/latest.html} and prints a table. See bench/README.md.
 */
public final class Bench {

    private final Options o;
    private final Graph graph;
    private final Map<String, Object> raw = new LinkedHashMap<>();
    private final Map<String, Object> svc = new LinkedHashMap<>();
    private final Map<String, Object> info = new LinkedHashMap<>();
    /** µs of process CPU per operation (the service's, the peer's, PostgreSQL's), from /proc, publish including fan-out. */
    private final Map<String, Object> cpuPerOperation = new LinkedHashMap<>();
    private final Timeline timeline = new Timeline();
    private final List<Double> liveHeap = new ArrayList<>();
    private Service service;
    private Peer peer;
    private long[] publishedAuthors;
    private Http http;
    private RawBaselines sql;
    private Memory memory;
    private CpuMeter cpu;
    /** The first in-place replay: the 1x of the scaling figure. */
    private Map<String, Object> firstReplay;

    private Bench(Options o) {
        this.o = o;
        this.graph = new Graph(o.users, o.follows, o.celebFollowers, o.hybridFollowers, o.bigHybrid, o.seed);
    }

    public static void main(String[] args) throws Exception {
        Options o = Options.parse(args);
        Files.createDirectories(o.results);
        new Bench(o).run();
    }

    private void run() throws Exception {
        Instant started = Instant.now();
        System.out.printf("feed benchmark (%s): %d users, %d follows (~%d each), celebrity %d followers, hybrid author %d followers, %d posts%n",
                o.mode, graph.users, graph.follows(), o.follows, graph.followers[(int) graph.celebrity],
                graph.followers[(int) graph.hybrid], o.posts);
        timeline.phase("start service");
        service = Service.start(o.jar.toAbsolutePath(), o.results.toAbsolutePath(), o.heap, o.jvmOptions);
        Thread hook = new Thread(this::emergencyStop);
        Runtime.getRuntime().addShutdownHook(hook);
        boolean ok = false;
        try {
            service.awaitUp(Duration.ofMinutes(5));
            memory = new Memory(service.pid(), service.gcLog, timeline.secondsAt(service.launchedAtNanos));
            http = new Http(service.port, new Jwt(service.jwtSecret()));
            sql = new RawBaselines(service);
            timeline.startSampling(memory, http);
            cpu = new CpuMeter(service.pid(), service.dataDir.resolve("postgres/cluster/postmaster.pid"));
            timeline.meterCpu(cpu);
            info.put("service_start_seconds", timeline.sinceStart());

            loadGraph();
            List<RawBaselines.Post> posts = publishAndProject();
            rawWrites(posts);
            steady();
            replayAndRebuild();
            catchUp();
            hybridAuthor();
            // Reads and the publish compared with the peer after the phases above: their minutes of load are the JIT
            // warm-up a fresh JVM needs on 2 cores.
            reads();
            longFeedsAndReplayAt4x();
            twoInstances();
            publishWarm();
            peer();

            timeline.phase("cleanup");
            sql.dropScratchTables();
            liveHeap.add(memory.liveHeapMiB());
            ok = true;
        } finally {
            timeline.stopSampling();
            timeline.phase("stop service");
            service.stop();
            Runtime.getRuntime().removeShutdownHook(hook);
            timeline.phase("done");
            if (!o.keepData) service.deleteData();
            else System.out.println("  kept " + service.dataDir);
        }
        double wall = Duration.between(started, Instant.now()).toMillis() / 1000.0;
        if (ok) {
            info.put("cpu_per_operation", cpuPerOperation);
            new Report(o, graph, raw, svc, info, timeline, memory.gcPoints(), liveHeap, started, wall).write();
        }
    }

    // ---- phases

    private void loadGraph() throws Exception {
        timeline.phase("follow graph over HTTP");
        Load.Result follows = Load.closedCount("service follows", o.concurrency, graph.follows(),
                index -> seq -> follow(http, graph.pairFollower[(int) seq], graph.pairFollowee[(int) seq]));
        svc.put("follows", follows.toMap());
        svc.put("follows_per_s", follows.opsPerSecond());
        double caughtUp = awaitCaughtUp(Duration.ofMinutes(30));
        info.put("graph_projection_drain_seconds", caughtUp);
        require(follows.errors() == 0, "follow errors: " + follows.firstError());
        info.put("graph", Map.of("users", graph.users, "follows", graph.follows(),
                "celebrity_followers", graph.followers[(int) graph.celebrity],
                "hybrid_followers", graph.followers[(int) graph.hybrid],
                "max_regular_followers", graph.maxRegularFollowers(), "probe_users", Graph.PROBES));
        liveHeap.add(memory.liveHeapMiB());
    }

    private List<RawBaselines.Post> publishAndProject() throws Exception {
        timeline.phase("publish + live projection");
        long[] authors = authorsAsPublished(o.posts, o.seed + 1);
        long logicalRows = feedRows(authors);
        publishedAuthors = authors;
        RawBaselines.Post[] published = new RawBaselines.Post[o.posts];
        long rowsBefore = sql.feedFingerprint("user_feed")[0];
        long t0 = System.nanoTime();
        Load.Result publish = Load.closedCount("service publish", o.concurrency, o.posts, index -> seq -> {
            long author = authors[(int) seq];
            String text = postText(seq);
            Http.Resp r = http.post("/api/v1/posts", http.auth(author), "{\"text\":" + Json.quote(text) + "}");
            if (r.status() != 201) throw new IllegalStateException("publish: " + r.status() + " " + r.body());
            Map<String, Object> p = Json.object(r.body());
            published[(int) seq] = new RawBaselines.Post(Long.parseLong((String) p.get("postId")), author, text,
                    OffsetDateTime.parse((String) p.get("createdAt")));
            return 1;
        });
        double drain = awaitCaughtUp(Duration.ofMinutes(60));
        double total = (System.nanoTime() - t0) / 1e9;
        require(publish.errors() == 0, "publish errors: " + publish.firstError());
        long rowsAfter = sql.feedFingerprint("user_feed")[0];
        svc.put("publish", publish.toMap());
        svc.put("publish_posts_per_s", publish.opsPerSecond());
        Map<String, Object> live = new LinkedHashMap<>();
        live.put("feed_rows_logical", logicalRows);
        live.put("user_feed_rows_inserted", rowsAfter - rowsBefore);
        live.put("publish_seconds", publish.seconds());
        live.put("drain_after_publish_seconds", drain);
        live.put("seconds_to_caught_up", total);
        svc.put("live_projection", live);
        svc.put("live_fanout_rows_per_s", logicalRows / total);
        System.out.printf("  live projection: %d feed rows (%d user_feed rows inserted) caught up %.1f s after the first publish "
                + "(%.1f s after the last) = %.0f rows/s%n", logicalRows, rowsAfter - rowsBefore, total, drain, logicalRows / total);
        liveHeap.add(memory.liveHeapMiB());
        return Arrays.asList(published);
    }

    /**
     * The publish phase's posts, by the same authors, again, once the service is warm: the figure compared with the
     * peer (whose JVM is warmed the same way before its own), with the live projection running meanwhile.
     */
    private void publishWarm() throws Exception {
        timeline.phase("publish again, warm, + live projection");
        CpuMeter.Snapshot cpuBefore = cpu.take();
        Load.Result publish = publish("service publish, warm", List.of(http), o.concurrency, o.posts, seq -> publishedAuthors[(int) seq]);
        awaitCaughtUp(Duration.ofMinutes(30));
        cpuPerOperation.put("service_publish", cpuPer(cpuBefore, o.posts, false));
        require(publish.errors() == 0, "publish errors: " + publish.firstError());
        svc.put("publish_warm", publish.toMap());
        svc.put("publish_warm_posts_per_s", publish.opsPerSecond());
    }

    private void rawWrites(List<RawBaselines.Post> posts) throws Exception {
        timeline.phase("raw single-row inserts");
        Load.Result inserts = sql.singleRowInserts(o.rawWriteConnections, 1, o.insertSeconds);
        raw.put("inserts", inserts.toMap());
        raw.put("insert_rows_per_s", inserts.unitsPerSecond());
        timeline.phase("raw per-post fan-out");
        sql.prepareFanOut();
        Load.Result fanOut = sql.fanOut(posts, o.rawWriteConnections);
        raw.put("fanout", fanOut.toMap());
        raw.put("fanout_rows_per_s", fanOut.unitsPerSecond());
        require(fanOut.errors() == 0 && inserts.errors() == 0, "raw write errors: " + fanOut.firstError() + " " + inserts.firstError());
    }

    private void reads() throws Exception {
        timeline.phase("raw keyset reads, closed loop");
        Load.WorkerFactory rawReader = sql.keysetReader(graph.users, o.limit, o.pagesPerViewer);
        Load.Result rawClosed = Load.closed("raw keyset reads", o.concurrency, o.warmupSeconds, o.readSeconds, rawReader);
        raw.put("reads_closed", rawClosed.toMap());
        raw.put("keyset_pages_per_s", rawClosed.opsPerSecond());

        // Until the JIT has settled: a fixed 20 s left the service at half the rate it reached later in the run.
        timeline.phase("service feed reads, warm-up");
        svc.put("read_warm_up_pages_per_s", warmUntilSteady("service feed reads warm-up", feedReader(http), 3, 9));
        timeline.phase("service feed reads, closed loop");
        CpuMeter.Snapshot readCpu = cpu.take();
        long readOps = Load.OPS.get();
        Load.Result svcClosed = Load.closed("service feed reads", o.concurrency, 0, o.readSeconds, feedReader(http));
        cpuPerOperation.put("service_read", cpuPer(readCpu, Load.OPS.get() - readOps, false));
        svc.put("reads_closed", svcClosed.toMap());
        svc.put("feed_pages_per_s", svcClosed.opsPerSecond());

        // Half the service's own closed-loop maximum: latency, not queueing. Raw SQL is driven at the same rate.
        double rate = svcClosed.opsPerSecond() / 2;
        info.put("read_offered_per_s", rate);
        timeline.phase("service feed reads, open loop");
        Load.Result svcOpen = Load.open("service feed reads @" + Math.round(rate) + "/s", o.concurrency, rate, o.readSeconds, feedReader(http));
        svc.put("reads_open", svcOpen.toMap());
        svc.put("read_open_p50_ms", svcOpen.percentileMs(50));
        svc.put("read_open_p99_ms", svcOpen.percentileMs(99));

        timeline.phase("raw keyset reads, open loop");
        Load.Result rawOpen = Load.open("raw keyset reads @" + Math.round(rate) + "/s", o.concurrency, rate, o.readSeconds, rawReader);
        raw.put("reads_open", rawOpen.toMap());
        raw.put("read_open_p50_ms", rawOpen.percentileMs(50));
        raw.put("read_open_p99_ms", rawOpen.percentileMs(99));
        require(rawClosed.errors() + svcClosed.errors() == 0, "read errors: " + rawClosed.firstError() + " " + svcClosed.firstError());
        liveHeap.add(memory.liveHeapMiB());
    }

    private void steady() throws Exception {
        timeline.phase("post-to-visible @" + Math.round(o.steadyRate) + "/s");
        Visibility v = new Visibility(http, graph, o.celebShare, 10_000);
        Visibility.Outcome out = v.run(o.steadyRate, o.hybridRate, o.steadySeconds);
        Map<String, Object> m = out.toMap();
        m.put("watchers", Arrays.toString(v.watchers()));
        m.put("poll_interval_ms", Visibility.POLL_NANOS / 1e6);
        svc.put("post_visible", m);
        svc.put("post_visible_p50_ms", Visibility.Outcome.pct(out.normalNanos(), 50));
        svc.put("post_visible_p99_ms", out.notVisible() > 0 ? Double.POSITIVE_INFINITY : Visibility.Outcome.pct(out.normalNanos(), 99));
        svc.put("post_visible_hybrid_p50_ms", Visibility.Outcome.pct(out.hybridNanos(), 50));
        svc.put("post_visible_hybrid_p99_ms", Visibility.Outcome.pct(out.hybridNanos(), 99));
        awaitCaughtUp(Duration.ofMinutes(30));
        liveHeap.add(memory.liveHeapMiB());
    }

    private void replayAndRebuild() throws Exception {
        firstReplay = replay("service replay");
        long[] after = {((Number) firstReplay.get("user_feed_rows_after")).longValue(), (Long) firstReplay.get("fingerprint")};
        double seconds = (Double) firstReplay.get("seconds");
        svc.put("replay", firstReplay);
        svc.put("replay_seconds", seconds);

        rebuildUnderLoad(seconds);

        timeline.phase("raw rebuild");
        RawBaselines.Rebuild rb = sql.rebuild();
        long[] rebuilt = sql.feedFingerprint("bench_rb_feed");
        Map<String, Object> rm = new LinkedHashMap<>();
        rm.put("seconds", rb.seconds());
        rm.put("follows", rb.followers());
        rm.put("posts", rb.posts());
        rm.put("feed_rows", rb.feedRows());
        rm.put("steps_seconds", rb.stepSeconds());
        rm.put("same_rows_as_user_feed", rebuilt[0] == after[0] && rebuilt[1] == after[1]);
        // Positive when the service does not materialize some feed rows (authors pulled at read time).
        rm.put("rows_more_than_user_feed", rebuilt[0] - after[0]);
        raw.put("rebuild", rm);
        raw.put("rebuild_seconds", rb.seconds());
    }

    /** An in-place replay of home-feed by token reset, from the request until the projection is back at the head. */
    private Map<String, Object> replay(String phase) throws Exception {
        timeline.phase(phase);
        long[] before = sql.feedFingerprint("user_feed");
        long head = headPosition();
        CpuMeter.Snapshot cpuBefore = cpu.take();
        CpuMeter.Threads threadsBefore = cpu.serviceThreads();
        long t0 = System.nanoTime();
        Http.Resp r = http.post("/admin/projections/home-feed/replay", http.adminAuth(), null);
        require(r.status() == 202, "replay: " + r.status() + " " + r.body());
        while (true) {
            Map<String, Object> p = http.projection("home-feed");
            if ("RUNNING".equals(p.get("state")) && p.get("replayProgress") == null
                    && ((Number) p.get("lagEvents")).longValue() == 0 && ((Number) p.get("position")).longValue() >= head) {
                break;
            }
            require(!"ERROR".equals(p.get("state")), "replay failed: " + p);
            require((System.nanoTime() - t0) / 1e9 < 3600, "replay did not finish in an hour: " + p);
            Thread.sleep(100);
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        CpuMeter.Snapshot cpuAfter = cpu.take();
        Map<String, Object> byThread = cpu.serviceThreads().minus(threadsBefore);
        long[] after = sql.feedFingerprint("user_feed");
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("seconds", seconds);
        m.put("events", head);
        m.put("events_per_s", head / seconds);
        m.put("user_feed_rows_before", before[0]);
        m.put("user_feed_rows_after", after[0]);
        m.put("fingerprint", after[1]);
        m.put("identical", before[0] == after[0] && before[1] == after[1]);
        m.put("service_cpu_s", cpuAfter.service() - cpuBefore.service());
        m.put("postgres_cpu_s", cpuAfter.postgres() - cpuBefore.postgres());
        m.put("service_cpu_by_thread", byThread);
        System.out.printf("  %s: %.2f s for %d events (%.0f events/s); user_feed %d rows before, %d after, identical: %s%n",
                phase, seconds, head, head / seconds, before[0], after[0], m.get("identical"));
        System.out.printf("  %s: service CPU %.2f s (JIT compilers %.2f, event processors %.2f, GC %.2f, rest %.2f), PostgreSQL %.2f s%n",
                phase, m.get("service_cpu_s"), byThread.get("compiler_cpu_s"), byThread.get("processors_cpu_s"),
                byThread.get("gc_cpu_s"), byThread.get("rest_cpu_s"), m.get("postgres_cpu_s"));
        liveHeap.add(memory.liveHeapMiB());
        return m;
    }

    private long headPosition() throws Exception {
        return ((Number) http.projection("home-feed").get("headPosition")).longValue();
    }

    /**
     * Catch-up: home-feed stopped on every instance, {@code catchUpPosts} posts published (authors as in the
     * publish phase), home-feed started; feed rows per second from the start until it has applied every event,
     * against raw SQL's per-post fan-out.
     */
    private void catchUp() throws Exception {
        timeline.phase("catch-up: home-feed stopped, " + o.catchUpPosts + " posts");
        long[] authors = authorsAsPublished(o.catchUpPosts, o.seed + 3);
        long rows = feedRows(authors);
        long rowsBefore = sql.feedFingerprint("user_feed")[0];
        Load.Result publish;
        long t0;
        try (ProcessorStop stopped = ProcessorStop.everywhere(service, "home-feed")) {
            publish = publish("catch-up publish", List.of(http), o.concurrency, authors.length, seq -> authors[(int) seq]);
            timeline.phase("catch-up: home-feed started");
            t0 = System.nanoTime();
        }
        awaitCaughtUp(Duration.ofMinutes(30));
        double seconds = (System.nanoTime() - t0) / 1e9;
        long inserted = sql.feedFingerprint("user_feed")[0] - rowsBefore;
        require(publish.errors() == 0, "catch-up publish errors: " + publish.firstError());
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("posts", authors.length);
        m.put("feed_rows_logical", rows);
        m.put("user_feed_rows_inserted", inserted);
        m.put("publish_posts_per_s", publish.opsPerSecond());
        m.put("seconds_to_caught_up", seconds);
        m.put("rows_per_s", rows / seconds);
        svc.put("catch_up", m);
        svc.put("catch_up_rows_per_s", rows / seconds);
        System.out.printf("  catch-up: %d feed rows of %d posts applied in %.2f s after the start = %.0f rows/s%n",
                rows, authors.length, seconds, rows / seconds);
        liveHeap.add(memory.liveHeapMiB());
    }

    /**
     * The hybrid author taken to {@code bigHybrid} followers, then publish latency (closed loop, two
     * connections) of that author against an author with about ten: a post's price must not grow with its audience.
     */
    private void hybridAuthor() throws Exception {
        timeline.phase("hybrid author to " + o.bigHybrid + " followers");
        if (graph.bigExtras > 0) {
            Load.Result f = Load.closedCount("hybrid author's followers", o.concurrency, graph.bigExtras,
                    index -> seq -> follow(http, graph.bigExtrasStart + seq, graph.hybrid));
            require(f.errors() == 0, "follow errors: " + f.firstError());
            svc.put("hybrid_follows_per_s", f.opsPerSecond());
        }
        awaitCaughtUp(Duration.ofMinutes(30));
        long small = graph.authorWithFollowers(10);
        timeline.phase("publish latency: hybrid author vs " + graph.followers[(int) small] + " followers");
        Load.Result few = publish("author with " + graph.followers[(int) small] + " followers", List.of(http), 2, 400, seq -> small);
        Load.Result many = publish("hybrid author", List.of(http), 2, 400, seq -> graph.hybrid);
        require(few.errors() + many.errors() == 0, "publish errors: " + few.firstError() + " " + many.firstError());
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("hybrid_followers", graph.followers[(int) graph.hybrid] + graph.bigExtras);
        m.put("small_author_followers", graph.followers[(int) small]);
        m.put("hybrid", many.toMap());
        m.put("small_author", few.toMap());
        svc.put("publish_by_audience", m);
        svc.put("publish_p99_hybrid_ms", many.percentileMs(99));
        svc.put("publish_p99_small_author_ms", few.percentileMs(99));
        awaitCaughtUp(Duration.ofMinutes(30));
    }

    /**
     * Publish and read throughput with one instance, then with a second one started on the same PostgreSQL, measured
     * back to back in two ways: requests still to the first instance only (the second holds its segments, leases and
     * claims: what the coordination costs), and requests spread over both, connection by connection (on two cores no
     * gain is expected: two JVMs share them).
     */
    private void twoInstances() throws Exception {
        int posts = INSTANCE_POSTS;
        Random rnd = new Random(o.seed + 5);
        long[] authors = new long[posts * 3];
        for (int k = 0; k < authors.length; k++) authors[k] = 1 + rnd.nextInt(graph.users);
        timeline.phase("one instance: publish");
        Load.Result onePublish = publishAndDrain("one instance publish", List.of(http), posts, seq -> authors[(int) seq]);
        timeline.phase("one instance: feed reads");
        Load.Result oneRead = Load.closed("one instance feed reads", o.concurrency, INSTANCE_WARMUP, INSTANCE_READ, feedReader(http));

        double idleOne = idleCpu();

        timeline.phase("start a second instance");
        Service second = Service.another(service, "service-2");
        Map<String, Object> m = new LinkedHashMap<>();
        try {
            second.awaitUp(Duration.ofMinutes(3));
            cpu.meterPeer(second.pid());
            Http other = new Http(second.port, new Jwt(service.jwtSecret()));
            double balanced = awaitSegmentsSpread(Duration.ofSeconds(60));
            m.put("segments_spread_seconds_after_up", balanced);
            List<Http> both = List.of(http, other);
            // The first instance is warm by now; the second is warmed through its own port until it serves alone about as
            // fast as the first did alone, so the comparison measures the coordination, not a fresh JVM's compiler.
            timeline.phase("second instance: warm-up");
            m.put("warm_up_posts_per_s", warmUntil("second instance warm-up publish", 5, onePublish.opsPerSecond() * 0.95, 12,
                    publisher("warm-up publish", List.of(other), seq -> 1 + (seq % graph.users))));
            m.put("warm_up_pages_per_s", warmUntil("second instance warm-up reads", 10, oneRead.opsPerSecond() * 0.95, 18,
                    feedReader(other)));
            awaitCaughtUp(Duration.ofMinutes(30));
            m.put("quiet_after_warm_up_s", awaitCompilerQuiet("second instance", Duration.ofSeconds(90)));
            // What the coordination costs with nothing to do: leases, claim polling, pause checks, the balancer.
            m.put("idle_cpu_one_instance_per_s", idleOne);
            m.put("idle_cpu_two_instances_per_s", idleCpu());
            timeline.phase("two instances, requests to the first: publish");
            Load.Result firstPublish = publishAndDrain("two instances, first serves: publish", List.of(http), posts,
                    seq -> authors[posts + (int) seq]);
            timeline.phase("two instances, requests to the first: feed reads");
            Load.Result firstRead = Load.closed("two instances, first serves: feed reads", o.concurrency, INSTANCE_WARMUP,
                    INSTANCE_READ, feedReader(http));
            timeline.phase("two instances: publish");
            Load.Result twoPublish = publishAndDrain("two instances publish", both, posts, seq -> authors[2 * posts + (int) seq]);
            timeline.phase("two instances: feed reads");
            Load.Result twoRead = Load.closed("two instances feed reads", o.concurrency, INSTANCE_WARMUP, INSTANCE_READ,
                    index -> feedReader(both.get(index % 2)).create(index));
            require(onePublish.errors() + firstPublish.errors() + twoPublish.errors() + oneRead.errors() + firstRead.errors()
                            + twoRead.errors() == 0,
                    "instance phase errors: " + onePublish.firstError() + " " + firstPublish.firstError() + " " + twoPublish.firstError()
                            + " " + oneRead.firstError() + " " + firstRead.firstError() + " " + twoRead.firstError());
            m.put("one_publish_posts_per_s", onePublish.opsPerSecond());
            m.put("first_serves_publish_posts_per_s", firstPublish.opsPerSecond());
            m.put("two_publish_posts_per_s", twoPublish.opsPerSecond());
            m.put("one_feed_pages_per_s", oneRead.opsPerSecond());
            m.put("first_serves_feed_pages_per_s", firstRead.opsPerSecond());
            m.put("two_feed_pages_per_s", twoRead.opsPerSecond());
            m.put("publish_coordination_vs_one", firstPublish.opsPerSecond() / onePublish.opsPerSecond());
            m.put("read_coordination_vs_one", firstRead.opsPerSecond() / oneRead.opsPerSecond());
            m.put("publish_two_vs_one", twoPublish.opsPerSecond() / onePublish.opsPerSecond());
            m.put("read_two_vs_one", twoRead.opsPerSecond() / oneRead.opsPerSecond());
            m.put("one_read_p99_ms", oneRead.percentileMs(99));
            m.put("two_read_p99_ms", twoRead.percentileMs(99));
        } finally {
            timeline.phase("stop the second instance");
            second.stop();
            cpu.meterPeer(0);
            second.deleteData();
        }
        svc.put("instances", m);
        System.out.printf("  one instance: %.0f posts/s, %.0f pages/s; two, the first serving: %.0f posts/s, %.0f pages/s;"
                        + " two serving: %.0f posts/s, %.0f pages/s%n",
                m.get("one_publish_posts_per_s"), m.get("one_feed_pages_per_s"), m.get("first_serves_publish_posts_per_s"),
                m.get("first_serves_feed_pages_per_s"), m.get("two_publish_posts_per_s"), m.get("two_feed_pages_per_s"));
        awaitCaughtUp(Duration.ofMinutes(30));
    }

    /** CPU seconds per second of the services' JVMs and PostgreSQL over 10 s without any request. */
    private double idleCpu() throws Exception {
        timeline.phase("idle");
        CpuMeter.Snapshot before = cpu.take();
        Thread.sleep(10_000);
        CpuMeter.Snapshot after = cpu.take();
        return (after.service() - before.service() + after.peer() - before.peer() + after.postgres() - before.postgres())
                / (after.wall() - before.wall());
    }

    static final int INSTANCE_POSTS = 4_000;
    static final double INSTANCE_WARMUP = 10;
    static final double INSTANCE_READ = 10;

    /** Seconds until home-feed's segments are owned by two instances. */
    private double awaitSegmentsSpread(Duration timeout) throws Exception {
        long t0 = System.nanoTime();
        while (true) {
            Object segments = http.projection("home-feed").get("segments");
            java.util.Set<Object> owners = new java.util.HashSet<>();
            if (segments instanceof List<?> list) {
                for (Object s : list) if (s instanceof Map<?, ?> seg && seg.get("owner") != null) owners.add(seg.get("owner"));
            }
            if (owners.size() >= 2) return (System.nanoTime() - t0) / 1e9;
            require(System.nanoTime() - t0 < timeout.toNanos(), "home-feed's segments were not spread over two instances: " + segments);
            Thread.sleep(200);
        }
    }

    /**
     * Long feeds against short ones, and the replay at four times the events of the first: the prolific authors'
     * posts give {@value Graph#SCALE_VIEWERS} viewers at least {@code longFeed} feed rows each and bring the store to
     * four times the events of the first replay; the modest author's {@value #SHORT_FEED} posts make the short feeds.
     */
    private void longFeedsAndReplayAt4x() throws Exception {
        timeline.phase("long and short feeds");
        for (long v : graph.longViewers) for (long a : graph.prolific) follow(http, v, a);
        for (long v : graph.shortViewers) follow(http, v, graph.modest);
        long firstEvents = (Long) firstReplay.get("events");
        long posts = Math.max(o.longFeed, 4 * firstEvents - headPosition() - SHORT_FEED);
        Load.Result prolific = publish("prolific authors", List.of(http), o.concurrency, posts,
                seq -> graph.prolific[(int) (seq % graph.prolific.length)]);
        Load.Result modest = publish("modest author", List.of(http), 4, SHORT_FEED, seq -> graph.modest);
        require(prolific.errors() + modest.errors() == 0, "publish errors: " + prolific.firstError() + " " + modest.firstError());
        awaitCaughtUp(Duration.ofMinutes(30));

        timeline.phase("feed reads: long feeds vs short feeds");
        Load.Result longReads = Load.closed("long feeds", 4, 5, 10, viewersReader(graph.longViewers));
        Load.Result shortReads = Load.closed("short feeds", 4, 5, 10, viewersReader(graph.shortViewers));
        require(longReads.errors() + shortReads.errors() == 0, "read errors: " + longReads.firstError() + " " + shortReads.firstError());
        Map<String, Object> feeds = new LinkedHashMap<>();
        feeds.put("long_feed_rows_per_viewer", posts);
        feeds.put("short_feed_rows_per_viewer", SHORT_FEED);
        feeds.put("long", longReads.toMap());
        feeds.put("short", shortReads.toMap());
        feeds.put("read_p50_ratio", longReads.percentileMs(50) / shortReads.percentileMs(50));
        svc.put("long_feeds", feeds);

        Map<String, Object> at4x = replay("service replay at 4x the events");
        at4x.put("events_vs_first", ((Long) at4x.get("events")).doubleValue() / firstEvents);
        at4x.put("seconds_vs_first", (Double) at4x.get("seconds") / (Double) firstReplay.get("seconds"));
        svc.put("replay_4x", at4x);
    }

    static final int SHORT_FEED = 100;

    /** The first pages (up to pagesPerViewer) of one of the given viewers' feeds. */
    private Load.WorkerFactory viewersReader(long[] viewers) {
        return index -> new Load.Worker() {
            int pages;
            String cursor;
            long viewer;

            public long run(long seq) throws Exception {
                if (pages == 0) viewer = viewers[ThreadLocalRandom.current().nextInt(viewers.length)];
                String path = "/api/v1/feed?limit=" + o.limit + (cursor == null ? "" : "&cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8));
                Http.Resp r = http.get(path, http.auth(viewer));
                if (r.status() != 200) throw new IllegalStateException("feed: " + r.status() + " " + r.body());
                cursor = nextCursor(r.body());
                if (cursor == null || ++pages >= o.pagesPerViewer) {
                    pages = 0;
                    cursor = null;
                }
                return 1;
            }
        };
    }

    private Load.Result publishAndDrain(String name, List<Http> via, int posts, java.util.function.LongUnaryOperator author) throws Exception {
        Load.Result r = publish(name, via, o.concurrency, posts, author);
        awaitCaughtUp(Duration.ofMinutes(30));
        return r;
    }

    /** Posts through the given instances (worker k through instance k modulo their number), closed loop. */
    private Load.Result publish(String name, List<Http> via, int connections, long posts, java.util.function.LongUnaryOperator author)
            throws Exception {
        return Load.closedCount(name, connections, posts, publisher(name, via, author));
    }

    private Load.WorkerFactory publisher(String name, List<Http> via, java.util.function.LongUnaryOperator author) {
        return index -> {
            Http to = via.get(index % via.size());
            return seq -> {
                Http.Resp r = to.post("/api/v1/posts", to.auth(author.applyAsLong(seq)), "{\"text\":" + Json.quote(postText(seq)) + "}");
                if (r.status() != 201) throw new IllegalStateException(name + ": " + r.status() + " " + r.body());
                return 1;
            };
        };
    }

    /** Closed-loop rounds until one reaches {@code rate} (at most {@code maxRounds}); returns each round's rate. */
    private List<Double> warmUntil(String name, double roundSeconds, double rate, int maxRounds, Load.WorkerFactory work)
            throws Exception {
        List<Double> rates = new ArrayList<>();
        for (int round = 1; round <= maxRounds; round++) {
            rates.add(Load.closed(name + ", round " + round, o.concurrency, 0, roundSeconds, work).opsPerSecond());
            if (rates.get(round - 1) >= rate) break;
        }
        return rates;
    }

    /**
     * Closed-loop rounds of 10 s, at least {@code minRounds}, until one is less than 5 % faster than the one before
     * (at most {@code maxRounds}): a new JVM's JIT takes minutes of load on 2 cores, and a figure taken before it
     * settles measures the compiler.
     */
    private List<Double> warmUntilSteady(String name, Load.WorkerFactory work, int minRounds, int maxRounds) throws Exception {
        List<Double> rates = new ArrayList<>();
        for (int round = 1; round <= maxRounds; round++) {
            double rate = Load.closed(name + ", round " + round, o.concurrency, 0, 10, work).opsPerSecond();
            rates.add(rate);
            if (round >= minRounds && rate < rates.get(round - 2) * 1.05) break;
        }
        return rates;
    }

    /**
     * Waits, at most {@code limit}, until the second metered JVM (the second instance or the peer) uses less than 5 %
     * of a core over 2 s: after a warm-up under load its compiler threads still hold a queue of hot methods, and
     * while they drain it their CPU would be charged to whatever is measured next.
     *
     * @return the seconds waited
     */
    private double awaitCompilerQuiet(String name, Duration limit) throws Exception {
        long t0 = System.nanoTime();
        CpuMeter.Snapshot before = cpu.take();
        while (System.nanoTime() - t0 < limit.toNanos()) {
            Thread.sleep(2000);
            CpuMeter.Snapshot now = cpu.take();
            if ((now.peer() - before.peer()) / (now.wall() - before.wall()) < 0.05) break;
            before = now;
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        System.out.printf("  %s quiet after %.0f s%n", name, seconds);
        return seconds;
    }

    private static long follow(Http via, long follower, long followee) throws Exception {
        Http.Resp r = via.put("/api/v1/following/" + followee, via.auth(follower));
        if (r.status() != 204) throw new IllegalStateException("follow: " + r.status() + " " + r.body());
        return 1;
    }

    /**
     * A blue/green rebuild of home-feed with 100 posts/s published throughout (the steady phase's load and its
     * post-to-visible probes), from the request until SWITCHED: the rebuild's price against the in-place replay of the
     * same events, and what readers see meanwhile, the switch included.
     */
    private void rebuildUnderLoad(double replaySeconds) throws Exception {
        timeline.phase("rebuild under " + Math.round(o.steadyRate) + " posts/s");
        // About as long as the rebuild is expected to take, so the latencies are mostly from inside it.
        double window = Math.max(10, 4 + 3 * replaySeconds);
        Visibility v = new Visibility(http, graph, o.celebShare, 10_000);
        Visibility.Outcome[] outcome = new Visibility.Outcome[1];
        Exception[] failure = new Exception[1];
        Thread load = new Thread(() -> {
            try {
                outcome[0] = v.run(o.steadyRate, o.hybridRate, window);
            } catch (Exception e) {
                failure[0] = e;
            }
        }, "rebuild-load");
        load.start();
        Thread.sleep(2000);
        long t0 = System.nanoTime();
        Http.Resp started = http.post("/admin/projections/home-feed/rebuild", http.adminAuth(), "{\"cutover\":\"auto\"}");
        require(started.status() == 202, "rebuild: " + started.status() + " " + started.body());
        Map<String, Object> rebuild;
        boolean heldBack = false;
        List<Object> progress = new ArrayList<>();
        while (true) {
            rebuild = Json.object(http.get("/admin/projections/home-feed/rebuild", http.adminAuth()).body());
            Object state = rebuild.get("state");
            progress.add(List.of(timeline.sinceStart(), rebuild.get("progress") instanceof Number p ? p.doubleValue() : 0.0,
                    String.valueOf(state)));
            if ("SWITCHED".equals(state)) break;
            require(!"FAILED".equals(state), "rebuild failed: " + rebuild);
            if ("READY".equals(state) && !heldBack) {
                // The comparison found differences: reported below; the run goes on with a manual cutover.
                System.out.println("  the rebuild waits at READY: " + rebuild.get("comparison"));
                heldBack = true;
                http.post("/admin/projections/home-feed/rebuild/cutover", http.adminAuth(), null);
            }
            require((System.nanoTime() - t0) / 1e9 < 3600, "rebuild did not finish in an hour: " + rebuild);
            Thread.sleep(100);
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        load.join();
        require(failure[0] == null, "publishing during the rebuild failed: " + failure[0]);
        Visibility.Outcome out = outcome[0];
        Map<String, Object> m = out.toMap();
        m.put("rebuild_seconds", seconds);
        m.put("window_seconds", window);
        m.put("switched_inside_window", seconds + 2 < window);
        m.put("comparison", rebuild.get("comparison"));
        m.put("held_back_by_differences", heldBack);
        m.put("progress_over_time", progress);
        List<Object> visible = new ArrayList<>();
        for (long[] sample : v.overTime()) visible.add(List.of(timeline.secondsAt(sample[0]), sample[1] / 1e6));
        m.put("post_visible_over_time", visible);
        svc.put("rebuild_under_load", m);
        svc.put("rebuild_seconds", seconds);
        svc.put("post_visible_during_rebuild_p99_ms",
                out.notVisible() > 0 ? Double.POSITIVE_INFINITY : Visibility.Outcome.pct(out.normalNanos(), 99));
        System.out.printf("  rebuild under %.0f posts/s: switched after %.2f s (in-place replay %.2f s); post-to-visible p99 %.0f ms%n",
                o.steadyRate, seconds, replaySeconds, svc.get("post_visible_during_rebuild_p99_ms"));
        awaitCaughtUp(Duration.ofMinutes(30));
        liveHeap.add(memory.liveHeapMiB());
    }

    /**
     * The like-for-like peer on the same PostgreSQL, after the service's phases: the same follow graph, the same posts
     * by the same authors, and the same closed-loop reads by the same viewers at the same concurrency.
     */
    private void peer() throws Exception {
        if (o.peerJar == null) {
            System.out.println("  no --peer-jar: peer figures skipped");
            return;
        }
        timeline.phase("start peer");
        peer = Peer.start(o.peerJar.toAbsolutePath(), service, o.results.toAbsolutePath(), o.heap);
        Map<String, Object> m = new LinkedHashMap<>();
        try {
            peer.awaitUp(Duration.ofMinutes(3));
            cpu.meterPeer(peer.pid());
            Http via = new Http(peer.port, new Jwt(service.jwtSecret()));
            timeline.phase("peer follow graph");
            Load.Result follows = Load.closedCount("peer follows", o.concurrency, graph.follows(),
                    index -> seq -> follow(via, graph.pairFollower[(int) seq], graph.pairFollowee[(int) seq]));
            m.put("follows_per_s", follows.opsPerSecond());
            timeline.phase("peer publish");
            m.put("publish_warm_up_posts_per_s", warmUntilSteady("peer publish warm-up",
                    publisher("peer warm-up publish", List.of(via), seq -> 1 + (seq % graph.users)), 2, 6));
            m.put("publish_quiet_after_warm_up_s", awaitCompilerQuiet("peer", Duration.ofSeconds(90)));
            CpuMeter.Snapshot publishCpu = cpu.take();
            Load.Result publish = publish("peer publish", List.of(via), o.concurrency, o.posts, seq -> publishedAuthors[(int) seq]);
            cpuPerOperation.put("peer_publish", cpuPer(publishCpu, o.posts, true));
            m.put("publish", publish.toMap());
            m.put("publish_posts_per_s", publish.opsPerSecond());
            timeline.phase("peer feed reads, closed loop");
            m.put("read_warm_up_pages_per_s", warmUntilSteady("peer feed reads warm-up", feedReader(via), 6, 12));
            m.put("read_quiet_after_warm_up_s", awaitCompilerQuiet("peer", Duration.ofSeconds(90)));
            CpuMeter.Snapshot peerReadCpu = cpu.take();
            long peerReadOps = Load.OPS.get();
            Load.Result reads = Load.closed("peer feed reads", o.concurrency, 0, o.readSeconds, feedReader(via));
            cpuPerOperation.put("peer_read", cpuPer(peerReadCpu, Load.OPS.get() - peerReadOps, true));
            m.put("reads_closed", reads.toMap());
            m.put("feed_pages_per_s", reads.opsPerSecond());
            require(follows.errors() + publish.errors() + reads.errors() == 0,
                    "peer errors: " + follows.firstError() + " " + publish.firstError() + " " + reads.firstError());
        } finally {
            peer.stop();
            cpu.meterPeer(0);
        }
        info.put("peer", m);
    }

    // ---- service-side helpers

    /** @param peerSide whether the operations went to the peer (else to the service) */
    private Map<String, Object> cpuPer(CpuMeter.Snapshot from, long ops, boolean peerSide) {
        CpuMeter.Snapshot to = cpu.take();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("ops", ops);
        m.put("jvm_us", (peerSide ? to.peer() - from.peer() : to.service() - from.service()) * 1e6 / ops);
        m.put("postgres_us", (to.postgres() - from.postgres()) * 1e6 / ops);
        return m;
    }

    /** Reads up to pagesPerViewer pages of a random user's feed over HTTP, following nextCursor, then moves on. */
    private Load.WorkerFactory feedReader(Http via) {
        return index -> new Load.Worker() {
            long viewer;
            String cursor;
            int pages;

            public long run(long seq) throws Exception {
                if (pages == 0) viewer = 1 + ThreadLocalRandom.current().nextInt(graph.users);
                String path = "/api/v1/feed?limit=" + o.limit + (cursor == null ? "" : "&cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8));
                Http.Resp r = via.get(path, via.auth(viewer));
                if (r.status() != 200) {
                    pages = 0;
                    cursor = null;
                    throw new IllegalStateException("feed: " + r.status() + " " + r.body());
                }
                cursor = nextCursor(r.body());
                if (cursor == null || ++pages >= o.pagesPerViewer) {
                    pages = 0;
                    cursor = null;
                }
                return 1;
            }
        };
    }

    /** Uniformly random users, a few posts ({@code celebShare}) by the celebrity, never the hybrid author. */
    private long[] authorsAsPublished(int count, long seed) {
        Random rnd = new Random(seed);
        long[] authors = new long[count];
        for (int k = 0; k < count; k++) {
            authors[k] = rnd.nextDouble() < o.celebShare ? graph.celebrity : 1 + rnd.nextInt(graph.users);
        }
        return authors;
    }

    /** The feed rows these posts make when each is pushed to its author and every follower. */
    private long feedRows(long[] authors) {
        return Arrays.stream(authors).map(graph::feedRows).sum();
    }

    /** nextCursor without parsing the whole page (cursors are base64url and dots, never escaped). */
    static String nextCursor(String body) {
        int i = body.lastIndexOf("\"nextCursor\":");
        if (i < 0) return null;
        i += "\"nextCursor\":".length();
        while (body.charAt(i) == ' ') i++;
        if (body.charAt(i) != '"') return null;
        return body.substring(i + 1, body.indexOf('"', i + 1));
    }

    private static final String[] WORDS = ("the quick brown fox jumps over a lazy dog while feeds fan out to every follower "
            + "and replays rebuild them from events").split(" ");

    private String postText(long seq) {
        StringBuilder b = new StringBuilder("bench post ").append(seq).append(':');
        Random r = new Random(seq);
        while (b.length() < 100) b.append(' ').append(WORDS[r.nextInt(WORDS.length)]);
        return b.toString();
    }

    /** Waits until the home-feed projection has applied every event; returns the seconds waited. */
    private double awaitCaughtUp(Duration timeout) throws Exception {
        long t0 = System.nanoTime();
        while (true) {
            Map<String, Object> p = http.projection("home-feed");
            if ("RUNNING".equals(p.get("state")) && ((Number) p.get("lagEvents")).longValue() == 0) {
                return (System.nanoTime() - t0) / 1e9;
            }
            require(!"ERROR".equals(p.get("state")), "home-feed projection failed: " + p);
            require(System.nanoTime() - t0 < timeout.toNanos(), "home-feed did not catch up in " + timeout + ": " + p);
            Thread.sleep(100);
        }
    }

    private static void require(boolean condition, String message) {
        if (!condition) throw new IllegalStateException(message);
    }

    private void emergencyStop() {
        try {
            if (peer != null) {
                peer.stop();
            }
            if (service != null && service.alive()) {
                System.out.println("interrupted: stopping the service");
                service.stop();
            }
        } catch (Exception e) {
            System.out.println("could not stop the service: " + e);
        }
    }
}
