package bench.report;

import static bench.report.Format.fmt;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.DoubleUnaryOperator;

import bench.figures.Rebuild;
import bench.figures.Replays;
import bench.harness.CpuMeter;
import bench.harness.Memory;
import bench.load.Timeline;

/** The charts over the run's time: the blue/green rebuild under load, the once-a-second series, and the phases with their CPU. */
final class TimeCharts {

    private final Run run;

    TimeCharts(Run run) {
        this.run = run;
    }

    /** The rebuild's progress, and each post's post-to-visible latency, over its window; the target dashed. */
    String rebuild() {
        Rebuild r = run.figures().find(Replays.class).map(Replays::rebuild).orElse(null);
        if (r == null || r.progress().isEmpty()) return "<p>no rebuild in this run</p>";
        List<Rebuild.Progress> progress = r.progress();
        double t0 = progress.get(0).atSeconds() - r.leadSeconds();
        double t1 = progress.get(progress.size() - 1).atSeconds();
        double vMax = 100;
        for (Rebuild.Visible v : r.visible()) {
            t1 = Math.max(t1, v.atSeconds());
            vMax = Math.max(vMax, v.ms());
        }
        double top10 = Math.pow(10, Math.ceil(Math.log10(vMax)));
        int height = 260, left = 60, top = 20, pw = 700, ph = 200;
        double span = Math.max(1, t1 - t0);
        DoubleUnaryOperator y = ms -> top + ph - ph * Math.log10(ms) / Math.log10(top10);
        StringBuilder s = new StringBuilder(Svg.open(900, height));
        s.append(Svg.text(left, 14, "rebuild progress (line, 0 to 100 %) and post-to-visible of each post (dots, ms, log scale)", "start", "#222"));
        for (double tick = 1; tick <= top10; tick *= 10) {
            int ty = top + ph - (int) (ph * Math.log10(tick) / Math.log10(top10));
            s.append(Svg.line(left, ty, left + pw, ty, "#eee", ""));
            s.append(Svg.text(left - 4, ty + 4, fmt(tick), "end", "#777"));
        }
        int target = top + ph - (int) (ph * Math.log10(Target.POST_VISIBLE_DURING_REBUILD.threshold()) / Math.log10(top10));
        s.append(Svg.line(left, target, left + pw, target, "#d9534f", "stroke-dasharray=\"5 3\""));
        for (Rebuild.Visible v : r.visible()) {
            s.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"1.6\" fill=\"#c77d16\"/>",
                    left + pw * (v.atSeconds() - t0) / span, y.applyAsDouble(Math.max(1, v.ms()))));
        }
        StringBuilder path = new StringBuilder();
        String lastState = null;
        for (Rebuild.Progress p : progress) {
            double x = left + pw * (p.atSeconds() - t0) / span;
            path.append(path.length() == 0 ? "M" : "L").append(String.format(Locale.ROOT, "%.1f,%.1f", x, top + ph - ph * p.fraction()));
            if (!p.state().equals(lastState)) {
                s.append(Svg.line(x, top, x, top + ph, "#bbb", ""));
                s.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" fill=\"#555\" transform=\"rotate(-90 %.1f %d)\">%s</text>",
                        x + 10, top + ph, x + 10, top + ph, Svg.esc(p.state())));
                lastState = p.state();
            }
        }
        s.append("<path d=\"").append(path).append("\" fill=\"none\" stroke=\"#2b6cb0\" stroke-width=\"2\"/>");
        s.append(Svg.text(left + pw, height - 6, fmt(span) + " s", "end", "#777"));
        return s.append("</svg>").toString();
    }

    /** Operations per second, projection lag, heap and RSS over the run, the phases shaded; then the phases' table. */
    String series() {
        Timeline.Series series = run.timeline().series();
        List<Double> t = series.t();
        List<Double> gcT = new ArrayList<>(), gcV = new ArrayList<>();
        for (Memory.GcPoint g : run.gc()) {
            gcT.add(g.benchSeconds());
            gcV.add(g.afterMiB());
        }
        double xmx = run.options().heapMiB();
        double tMax = t.isEmpty() ? 1 : t.get(t.size() - 1);
        StringBuilder s = new StringBuilder();
        s.append(line("operations completed per second (HTTP requests and SQL statements; log scale; numbers: phases below)", t,
                series.opsPerSecond(), null, null, tMax, "#2b6cb0", Double.NaN, true));
        s.append(line("home-feed projection lag (events)", t, series.lagEvents(), null, null, tMax, "#c77d16", Double.NaN, false));
        s.append(line("heap over time: service heap used after each GC (MiB), -Xmx (dashed)", gcT, gcV, gcT, gcV, tMax, "#7e57c2", xmx, false));
        s.append(line("service memory (MiB): RSS (line), heap used after each GC (dots), -Xmx (dashed)", t, series.rssMiB(), gcT, gcV, tMax,
                "#2e8b57", xmx, false));
        s.append("<h2>Phases and CPU seconds</h2><table style=\"border-collapse:collapse\"><tr><th></th><th>from</th><th>to</th>"
                + "<th>phase</th><th>service</th><th>postgres</th><th>harness</th><th>peer or 2nd instance</th><th>other work</th>"
                + "<th>idle</th></tr>");
        int number = 0;
        for (Timeline.Phase p : run.timeline().phases()) {
            s.append(String.format(Locale.ROOT, "<tr><td>%d</td><td style=\"padding:2px 10px\">%.0f s</td><td>%.0f s</td><td>%s</td>",
                    number++, p.start(), p.end(), Svg.esc(p.name())));
            CpuMeter.Use cpu = p.cpu();
            if (cpu != null) {
                for (double v : new double[]{cpu.serviceSeconds(), cpu.postgresSeconds(), cpu.harnessSeconds(), cpu.peerSeconds(),
                        cpu.otherSeconds(), cpu.idleSeconds()}) {
                    s.append("<td style=\"padding:2px 10px;text-align:right\">").append(fmt(v)).append("</td>");
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
        DoubleUnaryOperator scale = log
                ? v -> top + ph - ph * Math.log10(Math.max(1, v)) / Math.log10(ym)
                : v -> top + ph - ph * v / ym;
        StringBuilder s = new StringBuilder(Svg.open(width, height));
        s.append(Svg.text(left, 14, title, "start", "#222"));
        int k = 0;
        for (Timeline.Phase p : run.timeline().phases()) {
            int x0 = left + (int) (pw * p.start() / tMax), x1 = left + (int) (pw * Math.min(p.end(), tMax) / tMax);
            if ((k & 1) == 1) s.append(Svg.rect(x0, top, Math.max(0, x1 - x0), ph, "#f3f3f3"));
            if (log && x1 - x0 >= 8) s.append(Svg.text((x0 + x1) / 2, top + 10, Integer.toString(k), "middle", "#999"));
            k++;
        }
        if (log) {
            for (double tick = 10; tick < ym; tick *= 10) {
                double y = scale.applyAsDouble(tick);
                s.append(Svg.line(left, y, left + pw, y, "#e4e4e4", ""));
                s.append(Svg.text(left - 4, (int) y + 4, String.format(Locale.ROOT, "%,.0f", tick), "end", "#999"));
            }
        }
        s.append(Svg.line(left, top + ph, left + pw, top + ph, "#999", ""));
        s.append(Svg.text(left - 4, top + 10, fmt(ym), "end", "#777")).append(Svg.text(left - 4, top + ph, log ? "1" : "0", "end", "#777"));
        s.append(Svg.text(left + pw, height - 6, fmt(tMax) + " s", "end", "#777"));
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
            s.append(Svg.line(left, y, left + pw, y, "#d9534f", "stroke-dasharray=\"5 3\""));
        }
        return s.append("</svg>").toString();
    }
}
