package bench.load;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import bench.harness.CpuMeter;
import bench.harness.HomeFeed;
import bench.harness.Memory;

/** Phases of the run and a once-a-second sample of the service's RSS, completed operations and projection lag. */
public final class Timeline {

    /** A stretch of the run under one name, with the CPU it used (none before the meter starts). */
    public record Phase(String name, double start, double end, CpuMeter.Use cpu) {

        public Map<String, Object> json() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", name);
            m.put("start", start);
            m.put("end", end);
            if (cpu != null) m.put("cpu", cpu.json());
            return m;
        }
    }

    /** The once-a-second samples, column by column. */
    public record Series(List<Double> t, List<Double> rssMiB, List<Double> opsPerSecond, List<Double> lagEvents, List<String> phase) {

        public Map<String, Object> json() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("t", t);
            m.put("rss_mib", rssMiB);
            m.put("ops_per_s", opsPerSecond);
            m.put("lag_events", lagEvents);
            m.put("phase", phase);
            return m;
        }
    }

    private final long t0 = System.nanoTime();
    private final List<Phase> phases = new ArrayList<>();
    private String current;
    private double currentStart;
    private CpuMeter cpu;
    private CpuMeter.Snapshot cpuAtPhaseStart;
    private volatile boolean sampling;
    private Thread sampler;

    private final List<Double> t = new ArrayList<>();
    private final List<Double> rss = new ArrayList<>();
    private final List<Double> opsPerSecond = new ArrayList<>();
    private final List<Double> lagEvents = new ArrayList<>();
    private final List<String> phaseAt = new ArrayList<>();

    public double sinceStart() {
        return (System.nanoTime() - t0) / 1e9;
    }

    public double secondsAt(long nanos) {
        return (nanos - t0) / 1e9;
    }

    public synchronized void meterCpu(CpuMeter meter) {
        cpu = meter;
        cpuAtPhaseStart = meter.take();
    }

    public synchronized void phase(String name) {
        double now = sinceStart();
        CpuMeter.Use used = null;
        if (cpu != null && !name.equals("done")) {
            CpuMeter.Snapshot snap = cpu.take();
            if (current != null) {
                used = snap.minus(cpuAtPhaseStart);
                System.out.printf("  cpu over %.0f s: service %.1f s, postgres %.1f s, harness %.1f s, other work %.1f s, idle %.1f s (%d CPUs)%n",
                        used.wallSeconds(), used.serviceSeconds(), used.postgresSeconds(), used.harnessSeconds(), used.otherSeconds(),
                        used.idleSeconds(), CpuMeter.CPUS);
            }
            cpuAtPhaseStart = snap;
        }
        if (current != null) phases.add(new Phase(current, currentStart, now, used));
        current = name.equals("done") ? null : name;
        currentStart = now;
        if (current != null) System.out.printf("== [%02d:%02d] %s%n", (int) now / 60, (int) now % 60, name);
    }

    public synchronized List<Phase> phases() {
        return new ArrayList<>(phases);
    }

    public void startSampling(Memory memory, HomeFeed homeFeed) {
        sampling = true;
        sampler = new Thread(() -> {
            long lastOps = Load.OPS.get();
            double lastT = sinceStart();
            while (sampling) {
                try {
                    Thread.sleep(1000);
                } catch (InterruptedException e) {
                    return;
                }
                double now = sinceStart();
                long ops = Load.OPS.get();
                double lag = Double.NaN;
                try {
                    lag = ((Number) homeFeed.view().get("lagEvents")).doubleValue();
                } catch (Exception ignored) {
                    // the service may be busy or stopping
                }
                synchronized (this) {
                    t.add(now);
                    rss.add(memory.rssMiB());
                    opsPerSecond.add((ops - lastOps) / (now - lastT));
                    lagEvents.add(lag);
                    phaseAt.add(current);
                }
                lastOps = ops;
                lastT = now;
                if (t.size() % 15 == 0) {
                    int n = opsPerSecond.size();
                    double recent = 0;
                    for (int k = Math.max(0, n - 15); k < n; k++) recent += opsPerSecond.get(k);
                    System.out.printf("  [%02d:%02d] %s: %.0f ops/s over the last 15 s, home-feed lag %.0f events, RSS %.0f MiB%n",
                            (int) now / 60, (int) now % 60, current, recent / Math.min(15, n), lag, rss.get(rss.size() - 1));
                }
            }
        }, "sampler");
        sampler.setDaemon(true);
        sampler.start();
    }

    public void stopSampling() throws InterruptedException {
        sampling = false;
        if (sampler != null) sampler.join(5000);
    }

    public synchronized double rssMax() {
        return rss.stream().filter(d -> !d.isNaN()).mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
    }

    public synchronized Series series() {
        return new Series(new ArrayList<>(t), new ArrayList<>(rss), new ArrayList<>(opsPerSecond), new ArrayList<>(lagEvents),
                new ArrayList<>(phaseAt));
    }
}
