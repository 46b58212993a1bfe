import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The results: {@code latest.json} (and a timestamped copy), {@code latest.html} (inline SVG charts), the table. */
final class Report {

    private record Row(String figure, String raw, String service, String ratio, String target, String result) {}

    private final Options o;
    private final Graph graph;
    private final Map<String, Object> raw;
    private final Map<String, Object> svc;
    private final Map<String, Object> info;
    private final Timeline timeline;
    private final List<Memory.GcPoint> gc;
    private final List<Double> liveHeap;
    private final Instant started;
    private final double wall;
    private final Map<String, Object> checks = new LinkedHashMap<>();
    private final List<Row> rows = new ArrayList<>();

    Report(Options o, Graph graph, Map<String, Object> raw, Map<String, Object> svc, Map<String, Object> info, Timeline timeline,
           List<Memory.GcPoint> gc, List<Double> liveHeap, Instant started, double wall) {
        this.o = o;
        this.graph = graph;
        this.raw = raw;
        this.svc = svc;
        this.info = info;
        this.timeline = timeline;
        this.gc = gc;
        this.liveHeap = liveHeap;
        this.started = started;
        this.wall = wall;
    }

    private double n(Map<String, Object> m, String key) {
        Object v = m.get(key);
        return v instanceof Number x ? x.doubleValue() : Double.NaN;
    }

    void write() throws Exception {
        double feedRead = n(svc, "feed_pages_per_s") / n(raw, "keyset_pages_per_s");
        double liveFanout = n(svc, "live_fanout_rows_per_s") / n(raw, "fanout_rows_per_s");
        double replay = n(raw, "rebuild_seconds") / n(svc, "replay_seconds");
        double publish = n(svc, "publish_posts_per_s") / n(raw, "insert_rows_per_s");
        double heapMax = gc.stream().mapToDouble(Memory.GcPoint::afterMiB).max().orElse(Double.NaN);
        double liveMax = liveHeap.stream().filter(d -> !d.isNaN()).mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
        double rssMax = timeline.rssMax();
        double readP99 = n(svc, "read_open_p99_ms");
        double visibleP99 = n(svc, "post_visible_p99_ms");
        double offered = n(info, "read_offered_per_s");

        @SuppressWarnings("unchecked")
        Map<String, Object> peer = info.get("peer") instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
        double readVsPeer = n(svc, "feed_pages_per_s") / n(peer, "feed_pages_per_s");
        double publishVsPeer = n(svc, "publish_posts_per_s") / n(peer, "publish_posts_per_s");

        double rebuildVsReplay = n(svc, "replay_seconds") / n(svc, "rebuild_seconds");
        double visibleDuringRebuild = n(svc, "post_visible_during_rebuild_p99_ms");

        Map<String, Object> ratios = new LinkedHashMap<>();
        ratios.put("rebuild_vs_replay", rebuildVsReplay);
        ratios.put("read_vs_peer", readVsPeer);
        ratios.put("publish_vs_peer", publishVsPeer);
        ratios.put("replay_vs_raw", replay);
        ratios.put("feed_read_vs_raw", feedRead);
        ratios.put("live_fanout_vs_raw", liveFanout);
        ratios.put("publish_vs_raw", publish);

        if (!peer.isEmpty()) {
            // The raw column holds the peer's figure here: the same calls served by the seed's design without Axon.
            row("feed reads vs peer, closed loop " + o.concurrency + " (pages/s)", "peer " + fmt(n(peer, "feed_pages_per_s")) + " pages/s",
                    fmt(n(svc, "feed_pages_per_s")) + " pages/s", readVsPeer, 0.8, true, "read_vs_peer");
            row("publish vs peer, " + o.concurrency + " connections (posts/s)", "peer " + fmt(n(peer, "publish_posts_per_s")) + " posts/s",
                    fmt(n(svc, "publish_posts_per_s")) + " posts/s", publishVsPeer, 0.5, true, "publish_vs_peer");
        }
        if (!Double.isNaN(rebuildVsReplay)) {
            row("in-place replay vs blue/green rebuild under " + fmt(o.steadyRate) + " posts/s (seconds)",
                    "replay " + fmt(n(svc, "replay_seconds")) + " s", "rebuild " + fmt(n(svc, "rebuild_seconds")) + " s",
                    rebuildVsReplay, 0.5, true, "rebuild_vs_replay");
            limit("post-to-visible p99 during that rebuild, the switch included", "-", visibleDuringRebuild, 1000, "ms",
                    "post_visible_during_rebuild_p99_ms");
        }
        row("first in-place replay after the start vs raw bulk rebuild (seconds)", fmt(n(raw, "rebuild_seconds")) + " s",
                fmt(n(svc, "replay_seconds")) + " s", replay, 0.7, true, "replay_vs_raw");
        // The first benchmark's comparisons with raw SQL: the physical limit, reported without a target.
        reference("publish (posts/s vs single-row inserts/s)", fmt(n(raw, "insert_rows_per_s")) + " rows/s",
                fmt(n(svc, "publish_posts_per_s")) + " posts/s", publish);
        reference("live fan-out (feed rows/s)", fmt(n(raw, "fanout_rows_per_s")) + " rows/s",
                fmt(n(svc, "live_fanout_rows_per_s")) + " rows/s", liveFanout);
        reference("feed reads, closed loop " + o.concurrency + " (pages/s)", fmt(n(raw, "keyset_pages_per_s")) + " pages/s",
                fmt(n(svc, "feed_pages_per_s")) + " pages/s", feedRead);
        String at = " @ " + fmt(offered) + "/s open loop";
        rows.add(new Row("feed read p50" + at, ms(n(raw, "read_open_p50_ms")), ms(n(svc, "read_open_p50_ms")), "", "", ""));
        limit("feed read p99" + at, ms(n(raw, "read_open_p99_ms")), readP99, 10, "ms", "feed_read_p99_ms");
        rows.add(new Row("post-to-visible p50 @ " + fmt(o.steadyRate) + " posts/s (<= 10,000 followers)", "-",
                ms(n(svc, "post_visible_p50_ms")), "", "", ""));
        limit("post-to-visible p99 @ " + fmt(o.steadyRate) + " posts/s (<= 10,000 followers)", "-", visibleP99, 1000, "ms",
                "post_visible_p99_ms");
        rows.add(new Row("post-to-visible p50 / p99, hybrid author (" + graph.followers[(int) graph.hybrid] + " followers)", "-",
                ms(n(svc, "post_visible_hybrid_p50_ms")) + " / " + ms(n(svc, "post_visible_hybrid_p99_ms")), "", "(no target)", ""));
        rows.add(new Row("follows over HTTP (graph load)", "-", fmt(n(svc, "follows_per_s")) + " /s", "", "", ""));
        limit("heap used after GC, max (-Xmx" + o.heap + ")", "-", heapMax, 512, "MiB", "heap_max_mib");
        rows.add(new Row("live heap after full GC, max", "-", fmt(liveMax) + " MiB", "", "", ""));
        rows.add(new Row("RSS, max", "-", fmt(rssMax) + " MiB", "", "(reported)", ""));

        Map<String, Object> out = new LinkedHashMap<>();
        out.put("mode", o.mode);
        out.put("started", started.truncatedTo(ChronoUnit.SECONDS).toString());
        out.put("wall_seconds", wall);
        out.put("machine", Map.of("cpus", Runtime.getRuntime().availableProcessors(), "java", System.getProperty("java.version")));
        out.put("jar", o.jar.toString());
        if (System.getenv("BENCH_GIT") != null) out.put("git", System.getenv("BENCH_GIT"));
        out.put("sizes", o.toMap());
        out.put("ratios", ratios);
        out.put("checks", checks);
        out.put("feed_read_p50_ms", n(svc, "read_open_p50_ms"));
        out.put("feed_read_p99_ms", readP99);
        out.put("feed_read_offered_per_s", offered);
        out.put("post_visible_p50_ms", n(svc, "post_visible_p50_ms"));
        out.put("post_visible_p99_ms", visibleP99);
        out.put("post_visible_hybrid_p99_ms", n(svc, "post_visible_hybrid_p99_ms"));
        out.put("post_visible_during_rebuild_p99_ms", visibleDuringRebuild);
        out.put("heap_max_mib", heapMax);
        out.put("heap_live_max_mib", liveMax);
        out.put("rss_max_mib", rssMax);
        out.put("raw", raw);
        out.put("service", svc);
        out.put("info", info);
        List<Object> phases = new ArrayList<>();
        for (Timeline.Phase p : timeline.phases()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", p.name());
            m.put("start", p.start());
            m.put("end", p.end());
            if (p.cpu() != null) m.put("cpu", p.cpu());
            phases.add(m);
        }
        out.put("phases", phases);
        out.put("series", timeline.series());
        List<Object> gcs = new ArrayList<>();
        for (Memory.GcPoint g : gc) gcs.add(List.of(g.benchSeconds(), g.afterMiB()));
        out.put("gc_heap_after_mib", gcs);

        Files.createDirectories(o.results);
        String json = Json.write(out);
        Files.writeString(o.results.resolve("latest.json"), json);
        String stamp = started.truncatedTo(ChronoUnit.SECONDS).toString().replace(":", "");
        Files.writeString(o.results.resolve("run-" + stamp + ".json"), json);
        String table = table();
        Files.writeString(o.results.resolve("latest.txt"), table);
        Files.writeString(o.results.resolve("latest.html"), html(table));
        System.out.println();
        System.out.print(table);
        System.out.printf("%nwall time %.0f s (%s); results in %s/latest.{json,html,txt}%n", wall, o.mode, o.results);
    }

    private void row(String figure, String rawValue, String svcValue, double ratio, double target, boolean atLeast, String key) {
        boolean pass = atLeast ? ratio >= target : ratio <= target;
        checks.put(key, check(ratio, (atLeast ? ">= " : "<= ") + target, pass));
        rows.add(new Row(figure, rawValue, svcValue, String.format(Locale.ROOT, "%.3f", ratio),
                (atLeast ? ">= " : "<= ") + target, pass ? "PASS" : "FAIL"));
    }

    /** A figure with its ratio and no target: the raw-SQL physical limit, kept for reference. */
    private void reference(String figure, String rawValue, String svcValue, double ratio) {
        rows.add(new Row(figure, rawValue, svcValue, String.format(Locale.ROOT, "%.3f", ratio), "(raw limit)", ""));
    }

    private void limit(String figure, String rawValue, double value, double max, String unit, String key) {
        boolean pass = value <= max;
        checks.put(key, check(value, "<= " + fmt(max) + " " + unit, pass));
        rows.add(new Row(figure, rawValue, fmt(value) + " " + unit, "", "<= " + fmt(max) + " " + unit, pass ? "PASS" : "FAIL"));
    }

    private static Map<String, Object> check(double value, String target, boolean pass) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("value", value);
        m.put("target", target);
        m.put("pass", pass);
        return m;
    }

    private String table() {
        String[] head = {"figure", "raw SQL", "service", "ratio", "target", "result"};
        int[] w = new int[head.length];
        List<String[]> all = new ArrayList<>();
        all.add(head);
        for (Row r : rows) all.add(new String[]{r.figure(), r.raw(), r.service(), r.ratio(), r.target(), r.result()});
        for (String[] r : all) for (int k = 0; k < w.length; k++) w[k] = Math.max(w[k], r[k].length());
        StringBuilder b = new StringBuilder();
        b.append(String.format("feed benchmark, %s: %d users, %d follows, %d posts, hybrid author %d followers; %d connections%n",
                o.mode, graph.users, graph.follows(), o.posts, graph.followers[(int) graph.hybrid], o.concurrency));
        for (int i = 0; i < all.size(); i++) {
            String[] r = all.get(i);
            b.append(String.format("%-" + w[0] + "s  %" + w[1] + "s  %" + w[2] + "s  %" + w[3] + "s  %-" + w[4] + "s  %s%n",
                    (Object[]) r));
            if (i == 0) b.append("-".repeat(w[0] + w[1] + w[2] + w[3] + w[4] + w[5] + 10)).append('\n');
        }
        return b.toString();
    }

    static String fmt(double d) {
        if (Double.isNaN(d)) return "n/a";
        if (Double.isInfinite(d)) return "inf";
        if (Math.abs(d) >= 100) return String.format(Locale.ROOT, "%,.0f", d);
        if (Math.abs(d) >= 10) return String.format(Locale.ROOT, "%.1f", d);
        return String.format(Locale.ROOT, "%.2f", d);
    }

    static String ms(double d) {
        return fmt(d) + " ms";
    }

    // ---- HTML with inline SVG

    private String html(String table) {
        StringBuilder h = new StringBuilder();
        h.append("<!doctype html><html><head><meta charset=\"utf-8\"><title>feed benchmark ").append(esc(o.mode))
                .append("</title><style>body{font:14px system-ui,sans-serif;margin:24px;color:#222}pre{background:#f6f6f6;padding:12px;"
                        + "overflow:auto}h2{margin-top:28px}svg text{font:12px system-ui,sans-serif}</style></head><body>");
        h.append("<h1>Home feed benchmark (").append(esc(o.mode)).append(")</h1><p>").append(esc(started.toString()))
                .append(String.format(Locale.ROOT, ", wall time %.0f s, %d CPUs.</p>", wall, Runtime.getRuntime().availableProcessors()));
        h.append("<pre>").append(esc(table)).append("</pre>");
        h.append("<h2>Throughput: service against raw SQL (raw = 100 %)</h2>").append(ratioChart());
        h.append("<h2>Latency (ms, log scale)</h2>").append(latencyChart());
        h.append("<h2>Over the run</h2>").append(seriesCharts());
        h.append("</body></html>\n");
        return h.toString();
    }

    private String ratioChart() {
        String[][] pairs = {
                {"publish", "insert_rows_per_s", "publish_posts_per_s", "rows/s", "posts/s", "0.4"},
                {"live fan-out", "fanout_rows_per_s", "live_fanout_rows_per_s", "rows/s", "rows/s", "0.7"},
                {"replay (1/seconds)", "rebuild_seconds", "replay_seconds", "s", "s", "0.5"},
                {"feed reads", "keyset_pages_per_s", "feed_pages_per_s", "pages/s", "pages/s", "0.5"}};
        int width = 900, left = 170, barMax = 480, rowH = 64;
        StringBuilder s = new StringBuilder(svg(width, pairs.length * rowH + 20));
        for (int i = 0; i < pairs.length; i++) {
            String[] p = pairs[i];
            double r = n(raw, p[1]), v = n(svc, p[2]);
            boolean seconds = p[3].equals("s");
            double ratio = seconds ? r / v : v / r;
            int y = 10 + i * rowH;
            s.append(text(8, y + 30, p[0], "start", "#222"));
            s.append(rect(left, y + 4, barMax, 20, "#bbb"));
            s.append(text(left + barMax + 6, y + 18, "raw " + fmt(r) + " " + p[3], "start", "#555"));
            int sw = (int) Math.max(1, Math.min(barMax * 1.5, barMax * (Double.isNaN(ratio) ? 0 : ratio)));
            double target = Double.parseDouble(p[5]);
            s.append(rect(left, y + 28, sw, 20, ratio >= target ? "#2e8b57" : "#d9534f"));
            s.append(text(left + Math.min(sw, barMax) + 6, y + 42, "service " + fmt(v) + " " + p[4] + "  (ratio " + fmt(ratio) + ")",
                    "start", "#222"));
            int tx = left + (int) (barMax * target);
            s.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#000\" stroke-dasharray=\"4 3\"/>",
                    tx, y + 2, tx, y + 50));
        }
        s.append(text(left, pairs.length * rowH + 16, "dashed line: target ratio; green: meets it", "start", "#555"));
        return s.append("</svg>").toString();
    }

    private String latencyChart() {
        Object[][] bars = {
                {"raw feed read p50", n(raw, "read_open_p50_ms"), "#999", Double.NaN},
                {"raw feed read p99", n(raw, "read_open_p99_ms"), "#777", Double.NaN},
                {"service feed read p50", n(svc, "read_open_p50_ms"), "#6a9fd4", Double.NaN},
                {"service feed read p99", n(svc, "read_open_p99_ms"), "#2b6cb0", 10.0},
                {"post-to-visible p50", n(svc, "post_visible_p50_ms"), "#e0a85a", Double.NaN},
                {"post-to-visible p99", n(svc, "post_visible_p99_ms"), "#c77d16", 1000.0},
                {"hybrid author visible p50", n(svc, "post_visible_hybrid_p50_ms"), "#b39ddb", Double.NaN},
                {"hybrid author visible p99", n(svc, "post_visible_hybrid_p99_ms"), "#7e57c2", Double.NaN}};
        int width = 900, left = 190, barMax = 560, rowH = 26;
        double lo = 0.1, hi = 100_000;
        StringBuilder s = new StringBuilder(svg(width, bars.length * rowH + 40));
        for (double tick = lo; tick <= hi; tick *= 10) {
            int x = left + (int) (barMax * Math.log10(tick / lo) / Math.log10(hi / lo));
            s.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"4\" x2=\"%d\" y2=\"%d\" stroke=\"#eee\"/>", x, x, bars.length * rowH + 6));
            s.append(text(x, bars.length * rowH + 22, fmt(tick), "middle", "#777"));
        }
        for (int i = 0; i < bars.length; i++) {
            double v = (Double) bars[i][1];
            int y = 6 + i * rowH;
            s.append(text(8, y + 14, (String) bars[i][0], "start", "#222"));
            int w = Double.isNaN(v) ? 0 : (int) Math.max(1, barMax * Math.log10(Math.max(lo, Math.min(hi, v)) / lo) / Math.log10(hi / lo));
            s.append(rect(left, y + 2, w, 18, (String) bars[i][2]));
            s.append(text(left + w + 6, y + 15, ms(v), "start", "#222"));
            double target = (Double) bars[i][3];
            if (!Double.isNaN(target)) {
                int x = left + (int) (barMax * Math.log10(target / lo) / Math.log10(hi / lo));
                s.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#000\" stroke-width=\"2\" "
                        + "stroke-dasharray=\"3 2\"/>", x, y, x, y + 22));
            }
        }
        return s.append("</svg>").toString();
    }

    private String seriesCharts() {
        Map<String, Object> series = timeline.series();
        @SuppressWarnings("unchecked") List<Double> t = (List<Double>) series.get("t");
        @SuppressWarnings("unchecked") List<Double> ops = (List<Double>) series.get("ops_per_s");
        @SuppressWarnings("unchecked") List<Double> lag = (List<Double>) series.get("lag_events");
        @SuppressWarnings("unchecked") List<Double> rss = (List<Double>) series.get("rss_mib");
        List<Double> gcT = new ArrayList<>(), gcV = new ArrayList<>();
        for (Memory.GcPoint g : gc) {
            gcT.add(g.benchSeconds());
            gcV.add(g.afterMiB());
        }
        double tMax = t.isEmpty() ? 1 : t.get(t.size() - 1);
        StringBuilder s = new StringBuilder();
        s.append(line("operations completed per second (HTTP requests and SQL statements; log scale; numbers: phases below)", t, ops,
                null, null, tMax, "#2b6cb0", Double.NaN, true));
        s.append(line("home-feed projection lag (events)", t, lag, null, null, tMax, "#c77d16", Double.NaN, false));
        s.append(line("service memory (MiB): RSS (line), heap used after each GC (dots), -Xmx (dashed)", t, rss, gcT, gcV, tMax,
                "#2e8b57", 512, false));
        s.append("<h2>Phases and CPU seconds</h2><table style=\"border-collapse:collapse\"><tr><th></th><th>from</th><th>to</th>"
                + "<th>phase</th><th>service</th><th>postgres</th><th>harness</th><th>other work</th><th>idle</th></tr>");
        int number = 0;
        for (Timeline.Phase p : timeline.phases()) {
            s.append(String.format(Locale.ROOT, "<tr><td>%d</td><td style=\"padding:2px 10px\">%.0f s</td><td>%.0f s</td><td>%s</td>",
                    number++, p.start(), p.end(), esc(p.name())));
            if (p.cpu() != null) {
                for (String k : List.of("service_cpu_s", "postgres_cpu_s", "harness_cpu_s", "other_cpu_s", "machine_idle_s")) {
                    s.append("<td style=\"padding:2px 10px;text-align:right\">").append(fmt(n(p.cpu(), k))).append("</td>");
                }
            }
            s.append("</tr>");
        }
        return s.append("</table>").toString();
    }

    private String line(String title, List<Double> xs, List<Double> ys, List<Double> dotX, List<Double> dotY, double tMax,
                        String color, double refLine, boolean log) {
        int width = 900, height = 170, left = 60, right = 20, top = 22, bottom = 24;
        double yMax = 1;
        for (Double y : ys) if (y != null && !y.isNaN()) yMax = Math.max(yMax, y);
        if (dotY != null) for (Double y : dotY) yMax = Math.max(yMax, y);
        if (!Double.isNaN(refLine)) yMax = Math.max(yMax, refLine * 1.05);
        double ym = log ? Math.pow(10, Math.ceil(Math.log10(yMax))) : yMax * 1.05;
        int pw = width - left - right, ph = height - top - bottom;
        java.util.function.DoubleUnaryOperator scale = log
                ? v -> top + ph - ph * Math.log10(Math.max(1, v)) / Math.log10(ym)
                : v -> top + ph - ph * v / ym;
        StringBuilder s = new StringBuilder(svg(width, height));
        s.append(text(left, 14, title, "start", "#222"));
        int k = 0;
        for (Timeline.Phase p : timeline.phases()) {
            int x0 = left + (int) (pw * p.start() / tMax), x1 = left + (int) (pw * Math.min(p.end(), tMax) / tMax);
            if ((k & 1) == 1) s.append(rect(x0, top, Math.max(0, x1 - x0), ph, "#f3f3f3"));
            if (log && x1 - x0 >= 8) s.append(text((x0 + x1) / 2, top + 10, Integer.toString(k), "middle", "#999"));
            k++;
        }
        if (log) {
            for (double tick = 10; tick < ym; tick *= 10) {
                double y = scale.applyAsDouble(tick);
                s.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#e4e4e4\"/>", left, y, left + pw, y));
                s.append(text(left - 4, (int) y + 4, String.format(Locale.ROOT, "%,.0f", tick), "end", "#999"));
            }
        }
        s.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#999\"/>", left, top + ph, left + pw, top + ph));
        s.append(text(left - 4, top + 10, fmt(ym), "end", "#777")).append(text(left - 4, top + ph, log ? "1" : "0", "end", "#777"));
        s.append(text(left + pw, height - 6, fmt(tMax) + " s", "end", "#777"));
        StringBuilder path = new StringBuilder();
        for (int i = 0; i < xs.size(); i++) {
            Double y = ys.get(i);
            if (y == null || y.isNaN()) continue;
            path.append(path.length() == 0 ? "M" : "L").append(String.format(Locale.ROOT, "%.1f,%.1f",
                    left + pw * xs.get(i) / tMax, scale.applyAsDouble(y)));
        }
        s.append("<path d=\"").append(path).append("\" fill=\"none\" stroke=\"").append(color).append("\" stroke-width=\"1.5\"/>");
        if (dotX != null) {
            for (int i = 0; i < dotX.size(); i++) {
                s.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"1.8\" fill=\"#7e57c2\"/>",
                        left + pw * Math.min(dotX.get(i), tMax) / tMax, scale.applyAsDouble(dotY.get(i))));
            }
        }
        if (!Double.isNaN(refLine)) {
            double y = scale.applyAsDouble(refLine);
            s.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#d9534f\" stroke-dasharray=\"5 3\"/>",
                    left, y, left + pw, y));
        }
        return s.append("</svg>").toString();
    }

    private static String svg(int w, int h) {
        return String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\">", w, h, w, h);
    }

    private static String rect(int x, int y, int w, int h, String fill) {
        return String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"%s\"/>", x, y, w, h, fill);
    }

    private static String text(int x, int y, String s, String anchor, String fill) {
        return String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"%s\" fill=\"%s\">%s</text>", x, y, anchor, fill, esc(s));
    }

    private static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
