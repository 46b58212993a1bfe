package bench.report;

import static bench.report.Format.fmt;
import static bench.report.Format.ms;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import bench.figures.CatchUp;
import bench.figures.Figures;
import bench.figures.Instances;
import bench.figures.PeerRun;
import bench.figures.PostVisible;
import bench.figures.Publish;
import bench.figures.PublishWarm;
import bench.figures.RawWrites;
import bench.figures.Reads;
import bench.load.Load;

/** latest.html: the table, then throughput and latency side by side, and the run over time ({@link TimeCharts}). Inline SVG, no scripts. */
final class Html {

    private record Bar(String label, double value, String color, double target) {}

    private record Curve(String label, Load.Result result, String color) {}

    private final Run run;
    private final Figures f;

    Html(Run run) {
        this.run = run;
        this.f = run.figures();
    }

    String page(String table) {
        String mode = Svg.esc(run.options().mode());
        TimeCharts time = new TimeCharts(run);
        return "<!doctype html><html><head><meta charset=\"utf-8\"><title>feed benchmark " + mode + "</title><style>"
                + "body{font:14px system-ui,sans-serif;margin:24px;color:#222}pre{background:#f6f6f6;padding:12px;overflow:auto}"
                + "h2{margin-top:28px}svg text{font:12px system-ui,sans-serif}</style></head><body>"
                + "<h1>Home feed benchmark (" + mode + ")</h1><p>" + Svg.esc(run.started().toString())
                + String.format(Locale.ROOT, ", wall time %.0f s, %d CPUs.</p>", run.wallSeconds(), Runtime.getRuntime().availableProcessors())
                + "<pre>" + Svg.esc(table) + "</pre>"
                + "<h2>Throughput: service, peer and raw SQL</h2>" + throughput()
                + "<h2>Latency (ms, log scale)</h2>" + latency()
                + "<h2>Latency distributions (ms, log scale)</h2>" + distributions()
                + "<h2>Blue/green rebuild under load</h2>" + time.rebuild()
                + "<h2>Over the run</h2>" + time.series()
                + "</body></html>\n";
    }

    /** For each operation, the service, the peer and raw SQL, each bar against the largest. */
    private String throughput() {
        double[][] groups = {
                {f.valueOf(PublishWarm.class, p -> p.publish().opsPerSecond()), f.valueOf(PeerRun.class, p -> p.publish().opsPerSecond()),
                        f.valueOf(RawWrites.class, r -> r.inserts().unitsPerSecond())},
                {f.valueOf(Reads.class, r -> r.serviceClosed().opsPerSecond()), f.valueOf(PeerRun.class, p -> p.reads().opsPerSecond()),
                        f.valueOf(Reads.class, r -> r.rawClosed().opsPerSecond())},
                {f.valueOf(Publish.class, Publish::liveFanoutRowsPerSecond), Double.NaN,
                        f.valueOf(RawWrites.class, r -> r.fanOut().unitsPerSecond()), f.valueOf(CatchUp.class, CatchUp::rowsPerSecond)},
                {f.valueOf(Instances.class, i -> i.onePublish().opsPerSecond()), Double.NaN, Double.NaN,
                        f.valueOf(Instances.class, i -> i.twoPublish().opsPerSecond())},
                {f.valueOf(Instances.class, i -> i.oneRead().opsPerSecond()), Double.NaN, Double.NaN,
                        f.valueOf(Instances.class, i -> i.twoRead().opsPerSecond())}};
        String[] titles = {"publish (posts/s; raw: single-row inserts/s)", "feed reads, closed loop (pages/s)",
                "fan-out (feed rows/s): live, catch-up / peer / raw per post", "publish: one instance / two instances (posts/s)",
                "feed reads: one instance / two instances (pages/s)"};
        String[] names = {"service", "peer", "raw SQL", "service (2nd)"};
        String[] colors = {"#2b6cb0", "#2e8b57", "#999", "#6a9fd4"};
        int left = 10, barMax = 560, barH = 16;
        int height = 10;
        for (double[] g : groups) {
            height += 22;
            for (double v : g) if (!Double.isNaN(v)) height += barH + 3;
        }
        StringBuilder s = new StringBuilder(Svg.open(900, height + 10));
        int y = 10;
        for (int gi = 0; gi < groups.length; gi++) {
            double[] v = groups[gi];
            double max = 0;
            for (double d : v) if (!Double.isNaN(d)) max = Math.max(max, d);
            s.append(Svg.text(left, y + 14, titles[gi], "start", "#222"));
            y += 22;
            for (int k = 0; k < v.length; k++) {
                if (Double.isNaN(v[k])) continue;
                int w = (int) Math.max(1, barMax * v[k] / max);
                s.append(Svg.rect(left + 110, y, w, barH, colors[k]));
                s.append(Svg.text(left + 104, y + 12, names[k], "end", "#555"));
                s.append(Svg.text(left + 116 + w, y + 12, fmt(v[k]), "start", "#222"));
                y += barH + 3;
            }
        }
        return s.append("</svg>").toString();
    }

    /** The open-loop read and post-to-visible percentiles, with their targets dashed. */
    private String latency() {
        double readTarget = Target.FEED_READ_P99.threshold(), visibleTarget = Target.POST_VISIBLE_P99.threshold();
        List<Bar> bars = List.of(
                new Bar("raw feed read p50", f.valueOf(Reads.class, r -> r.rawOpen().percentileMs(50)), "#999", Double.NaN),
                new Bar("raw feed read p99", f.valueOf(Reads.class, r -> r.rawOpen().percentileMs(99)), "#777", Double.NaN),
                new Bar("service feed read p50", f.valueOf(Reads.class, r -> r.serviceOpen().percentileMs(50)), "#6a9fd4", Double.NaN),
                new Bar("service feed read p99", Target.FEED_READ_P99.value(f), "#2b6cb0", readTarget),
                new Bar("post-to-visible p50", f.valueOf(PostVisible.class, PostVisible::p50Ms), "#e0a85a", Double.NaN),
                new Bar("post-to-visible p99", Target.POST_VISIBLE_P99.value(f), "#c77d16", visibleTarget),
                new Bar("hybrid author visible p50", f.valueOf(PostVisible.class, PostVisible::hybridP50Ms), "#b39ddb", Double.NaN),
                new Bar("hybrid author visible p99", f.valueOf(PostVisible.class, PostVisible::hybridP99Ms), "#7e57c2", Double.NaN));
        int left = 190, barMax = 560, rowH = 26;
        double lo = 0.1, hi = 100_000;
        StringBuilder s = new StringBuilder(Svg.open(900, bars.size() * rowH + 40));
        for (double tick = lo; tick <= hi; tick *= 10) {
            int x = left + (int) (barMax * Math.log10(tick / lo) / Math.log10(hi / lo));
            s.append(Svg.line(x, 4, x, bars.size() * rowH + 6, "#eee", ""));
            s.append(Svg.text(x, bars.size() * rowH + 22, fmt(tick), "middle", "#777"));
        }
        for (int i = 0; i < bars.size(); i++) {
            Bar bar = bars.get(i);
            int y = 6 + i * rowH;
            s.append(Svg.text(8, y + 14, bar.label(), "start", "#222"));
            double v = bar.value();
            int w = Double.isNaN(v) ? 0 : (int) Math.max(1, barMax * Math.log10(Math.max(lo, Math.min(hi, v)) / lo) / Math.log10(hi / lo));
            s.append(Svg.rect(left, y + 2, w, 18, bar.color()));
            s.append(Svg.text(left + w + 6, y + 15, ms(v), "start", "#222"));
            if (!Double.isNaN(bar.target())) {
                int x = left + (int) (barMax * Math.log10(bar.target() / lo) / Math.log10(hi / lo));
                s.append(Svg.line(x, y, x, y + 22, "#000", "stroke-width=\"2\" stroke-dasharray=\"3 2\""));
            }
        }
        return s.append("</svg>").toString();
    }

    /** Each loop's percentiles, p50 to the maximum, on log scales. */
    private String distributions() {
        List<Curve> curves = new ArrayList<>();
        f.find(Reads.class).ifPresent(r -> {
            curves.add(new Curve("service reads, open loop", r.serviceOpen(), "#2b6cb0"));
            curves.add(new Curve("raw reads, open loop", r.rawOpen(), "#999"));
            curves.add(new Curve("service reads, closed loop", r.serviceClosed(), "#6a9fd4"));
        });
        f.find(PeerRun.class).ifPresent(p -> curves.add(new Curve("peer reads, closed loop", p.reads(), "#2e8b57")));
        f.find(PublishWarm.class).ifPresent(p -> curves.add(new Curve("service publish, closed loop", p.publish(), "#c77d16")));
        f.find(PeerRun.class).ifPresent(p -> curves.add(new Curve("peer publish, closed loop", p.publish(), "#7e57c2")));
        double[] percentiles = {50, 75, 90, 95, 99, 99.9, 100};
        String[] labels = {"p50", "p75", "p90", "p95", "p99", "p99.9", "max"};
        int left = 60, top = 20, pw = 560, ph = 240;
        double lo = 0.1, hi = 10_000;
        StringBuilder s = new StringBuilder(Svg.open(900, 300));
        for (int i = 0; i < percentiles.length; i++) {
            int x = left + pw * i / (percentiles.length - 1);
            s.append(Svg.line(x, top, x, top + ph, "#eee", ""));
            s.append(Svg.text(x, top + ph + 16, labels[i], "middle", "#777"));
        }
        for (double tick = lo; tick <= hi; tick *= 10) {
            int y = top + ph - (int) (ph * Math.log10(tick / lo) / Math.log10(hi / lo));
            s.append(Svg.line(left, y, left + pw, y, "#eee", ""));
            s.append(Svg.text(left - 4, y + 4, fmt(tick) + " ms", "end", "#777"));
        }
        int legend = top;
        for (Curve c : curves) {
            StringBuilder path = new StringBuilder();
            for (int i = 0; i < percentiles.length; i++) {
                double v = c.result().percentileMs(percentiles[i]);
                if (Double.isNaN(v)) continue;
                double y = top + ph - ph * Math.log10(Math.max(lo, Math.min(hi, v)) / lo) / Math.log10(hi / lo);
                path.append(path.length() == 0 ? "M" : "L")
                        .append(String.format(Locale.ROOT, "%d,%.1f", left + pw * i / (percentiles.length - 1), y));
            }
            s.append("<path d=\"").append(path).append("\" fill=\"none\" stroke=\"").append(c.color()).append("\" stroke-width=\"2\"/>");
            s.append(Svg.rect(left + pw + 20, legend + 2, 14, 10, c.color()));
            s.append(Svg.text(left + pw + 40, legend + 11, c.label(), "start", "#222"));
            legend += 18;
        }
        return s.append("</svg>").toString();
    }
}
