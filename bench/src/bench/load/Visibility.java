package bench.load;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import bench.harness.Http;
import bench.harness.Json;

/**
 * Post-to-visible latency through the HTTP API only, so it holds for any read model (push, pull or both): posts are
 * published open loop at a steady rate by authors chosen as in the publish phase (uniformly, a few by the celebrity),
 * and the one probe user among each author's followers (see {@link Graph}) polls its own feed; a post's latency runs
 * from its scheduled publish to the response in which that follower first sees it (an upper bound: the poll interval
 * is the resolution). The hybrid author publishes alongside at a low rate and is reported apart.
 */
public final class Visibility {

    public static final long POLL_NANOS = 100_000_000L;
    /** Posts by authors with more followers than this are reported apart, with the hybrid author's. */
    public static final int BIG_AUTHOR_FOLLOWERS = 10_000;
    private static final int PAGE = 20;

    private record Pending(long postId, Instant createdAt, long scheduledNanos, boolean big) {}

    public record Outcome(long[] normalNanos, long[] hybridNanos, long published, long notVisible, long publishErrors,
                   long polls, double pollsPerSecond, double achievedPerSecond, long droppedSlots, double publishP99Ms) {

        public static double pct(long[] sorted, double p) {
            if (sorted.length == 0) return Double.NaN;
            int idx = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
            return sorted[Math.max(0, Math.min(idx, sorted.length - 1))] / 1e6;
        }

        /** The p99 of the posts up to {@link #BIG_AUTHOR_FOLLOWERS} followers; infinite if any never showed. */
        public double visibleP99Ms() {
            return notVisible > 0 ? Double.POSITIVE_INFINITY : pct(normalNanos, 99);
        }

        public Map<String, Object> json() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("published", published);
            m.put("achieved_posts_per_s", achievedPerSecond);
            m.put("dropped_slots", droppedSlots);
            m.put("publish_p99_ms", publishP99Ms);
            m.put("publish_errors", publishErrors);
            m.put("not_visible", notVisible);
            m.put("watcher_polls", polls);
            m.put("watcher_polls_per_s", pollsPerSecond);
            m.put("normal_samples", normalNanos.length);
            m.put("normal_p50_ms", pct(normalNanos, 50));
            m.put("normal_p99_ms", pct(normalNanos, 99));
            m.put("normal_max_ms", pct(normalNanos, 100));
            m.put("hybrid_samples", hybridNanos.length);
            m.put("hybrid_p50_ms", pct(hybridNanos, 50));
            m.put("hybrid_p99_ms", pct(hybridNanos, 99));
            m.put("hybrid_max_ms", pct(hybridNanos, 100));
            return m;
        }
    }

    private final Http http;
    private final Graph graph;
    private final long[] watchers;
    private final List<ConcurrentHashMap<Long, Pending>> pending = new ArrayList<>();
    private final List<Long> normal = new ArrayList<>();
    private final List<Long> hybrid = new ArrayList<>();
    /** Per visible post below the hybrid threshold: when it was due to be published and its latency (nanos). */
    private final List<long[]> timed = new ArrayList<>();
    private final AtomicLong polls = new AtomicLong();
    private final AtomicLong publishErrors = new AtomicLong();
    private final AtomicLong published = new AtomicLong();
    private final double celebShare;

    public Visibility(Http http, Graph graph, double celebShare) {
        this.http = http;
        this.graph = graph;
        this.celebShare = celebShare;
        this.watchers = graph.probes.clone();
        for (int k = 0; k < watchers.length; k++) pending.add(new ConcurrentHashMap<>());
    }

    public Outcome run(double rate, double hybridRate, double seconds) throws Exception {
        AtomicBoolean publishing = new AtomicBoolean(true);
        List<Thread> pollers = new ArrayList<>();
        long start = System.nanoTime();
        for (int k = 0; k < watchers.length; k++) {
            int w = k;
            Thread t = new Thread(() -> poll(w, publishing), "watcher-" + k);
            t.start();
            pollers.add(t);
        }
        Thread big = new Thread(() -> {
            try {
                if (hybridRate > 0 && graph.followers[(int) graph.hybrid] > 0) {
                    Load.open("steady hybrid-author publish", 2, hybridRate, seconds, index -> publisher(true));
                }
            } catch (Exception e) {
                System.out.println("  hybrid publisher failed: " + e);
            }
        });
        big.start();
        Load.Result steady = Load.open("steady publish", 16, rate, seconds, index -> publisher(false));
        big.join();
        publishing.set(false);
        for (Thread t : pollers) t.join();
        double elapsed = (System.nanoTime() - start) / 1e9;
        long left = pending.stream().mapToLong(Map::size).sum();
        long[] n, h;
        synchronized (this) {
            n = normal.stream().mapToLong(Long::longValue).sorted().toArray();
            h = hybrid.stream().mapToLong(Long::longValue).sorted().toArray();
        }
        Outcome o = new Outcome(n, h, published.get(), left, publishErrors.get(), polls.get(), polls.get() / elapsed,
                steady.opsPerSecond(), steady.dropped(), steady.percentileMs(99));
        System.out.printf("  post-to-visible: %d posts, p50 %.1f ms, p99 %.1f ms, max %.1f ms; hybrid author %d posts, p50 %.1f ms, "
                        + "p99 %.1f ms; not visible %d; %.0f watcher polls/s%n", n.length, Outcome.pct(n, 50), Outcome.pct(n, 99),
                Outcome.pct(n, 100), h.length, Outcome.pct(h, 50), Outcome.pct(h, 99), left, o.pollsPerSecond());
        return o;
    }

    private Load.Worker publisher(boolean hybridAuthor) {
        return seq -> {
            long scheduled = Load.scheduledNanos();
            ThreadLocalRandom rnd = ThreadLocalRandom.current();
            long author = hybridAuthor ? graph.hybrid
                    : rnd.nextDouble() < celebShare ? graph.celebrity : 1 + rnd.nextInt(graph.users);
            int w = Arrays.binarySearch(watchers, graph.probeOf(author));
            String text = "steady post " + seq + " by " + author + " at " + Instant.now();
            Http.Resp r = http.post("/api/v1/posts", http.auth(author), "{\"text\":" + Json.quote(text) + "}");
            if (r.status() != 201) {
                publishErrors.incrementAndGet();
                throw new IllegalStateException("publish: " + r.status() + " " + r.body());
            }
            Map<String, Object> post = Json.object(r.body());
            long id = Long.parseLong((String) post.get("postId"));
            boolean big = author == graph.hybrid || graph.followers[(int) author] > BIG_AUTHOR_FOLLOWERS;
            pending.get(w).put(id, new Pending(id, Instant.parse((String) post.get("createdAt")), scheduled, big));
            published.incrementAndGet();
            return 1;
        };
    }

    @SuppressWarnings("unchecked")
    private void poll(int w, AtomicBoolean publishing) {
        ConcurrentHashMap<Long, Pending> mine = pending.get(w);
        String auth = http.auth(watchers[w]);
        long drainDeadline = Long.MAX_VALUE;
        while (true) {
            long t0 = System.nanoTime();
            if (!publishing.get()) {
                if (drainDeadline == Long.MAX_VALUE) drainDeadline = t0 + 60_000_000_000L;
                if (mine.isEmpty() || t0 > drainDeadline) return;
            }
            if (mine.isEmpty()) {
                sleepNanos(5_000_000L);
                continue;
            }
            try {
                Instant oldestPending = mine.values().stream().map(Pending::createdAt).min(Instant::compareTo).orElseThrow();
                String cursor = null;
                for (int page = 0; page < 20; page++) {
                    String path = "/api/v1/feed?limit=" + PAGE + (cursor == null ? "" : "&cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8));
                    Http.Resp r = http.get(path, auth);
                    long seen = System.nanoTime();
                    polls.incrementAndGet();
                    if (r.status() != 200) break;
                    Map<String, Object> body = Json.object(r.body());
                    List<Object> items = (List<Object>) body.get("items");
                    Instant oldestOnPage = null;
                    for (Object o : items) {
                        Map<String, Object> item = (Map<String, Object>) o;
                        long id = Long.parseLong((String) item.get("postId"));
                        Pending p = mine.remove(id);
                        if (p != null) record(p, seen - p.scheduledNanos());
                        oldestOnPage = Instant.parse((String) item.get("createdAt"));
                    }
                    cursor = (String) body.get("nextCursor");
                    // Go deeper only while a pending post is older than everything on this page (a slow one).
                    if (cursor == null || oldestOnPage == null || !oldestPending.isBefore(oldestOnPage)) break;
                }
            } catch (Exception e) {
                // counted as not visible if it never shows
            }
            long wait = POLL_NANOS - (System.nanoTime() - t0);
            if (wait > 0) sleepNanos(wait);
        }
    }

    private synchronized void record(Pending p, long nanos) {
        (p.big() ? hybrid : normal).add(nanos);
        if (!p.big()) timed.add(new long[]{p.scheduledNanos(), nanos});
    }

    /** {scheduled System.nanoTime(), latency nanos} of each visible post, in the order seen. */
    public synchronized List<long[]> overTime() {
        return new ArrayList<>(timed);
    }

    public long[] watchers() {
        return Arrays.copyOf(watchers, watchers.length);
    }

    private static void sleepNanos(long nanos) {
        java.util.concurrent.locks.LockSupport.parkNanos(nanos);
    }
}
