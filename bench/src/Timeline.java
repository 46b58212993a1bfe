import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Phases of the run and a once-a-second sample of the service's RSS, completed operations and projection lag. */
final class Timeline {

    record Phase(String name, double start, double end, Map<String, Object> cpu) {}

    private final long t0 = System.nanoTime();
    private final List<Phase> phases = new ArrayList<>();
    private String current;
    private double currentStart;
    private CpuMeter cpu;
    private CpuMeter.Snapshot cpuAtPhaseStart;
    private volatile boolean sampling;
    private Thread sampler;

    final List<Double> t = new ArrayList<>();
    final List<Double> rss = new ArrayList<>();
    final List<Double> opsPerSecond = new ArrayList<>();
    final List<Double> lagEvents = new ArrayList<>();
    final List<String> phaseAt = new ArrayList<>();

    double sinceStart() {
        return (System.nanoTime() - t0) / 1e9;
    }

    double secondsAt(long nanos) {
        return (nanos - t0) / 1e9;
    }

    synchronized void meterCpu(CpuMeter meter) {
        cpu = meter;
        cpuAtPhaseStart = meter.take();
    }

    synchronized void phase(String name) {
        double now = sinceStart();
        Map<String, Object> used = null;
        if (cpu != null && !name.equals("done")) {
            CpuMeter.Snapshot snap = cpu.take();
            if (current != null) {
                used = snap.minus(cpuAtPhaseStart);
                System.out.printf("  cpu over %.0f s: service %.1f s, postgres %.1f s, harness %.1f s, other work %.1f s, idle %.1f s (%d CPUs)%n",
                        used.get("wall_s"), used.get("service_cpu_s"), used.get("postgres_cpu_s"), used.get("harness_cpu_s"),
                        used.get("other_cpu_s"), used.get("machine_idle_s"), CpuMeter.CPUS);
            }
            cpuAtPhaseStart = snap;
        }
        if (current != null) phases.add(new Phase(current, currentStart, now, used));
        current = name.equals("done") ? null : name;
        currentStart = now;
        if (current != null) System.out.printf("== [%02d:%02d] %s%n", (int) now / 60, (int) now % 60, name);
    }

    synchronized String currentPhase() {
        return current;
    }

    synchronized List<Phase> phases() {
        return new ArrayList<>(phases);
    }

    void startSampling(Memory memory, Http http) {
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
                    lag = ((Number) http.projection("home-feed").get("lagEvents")).doubleValue();
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

    void stopSampling() throws InterruptedException {
        sampling = false;
        if (sampler != null) sampler.join(5000);
    }

    synchronized double rssMax() {
        return rss.stream().filter(d -> !d.isNaN()).mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
    }

    synchronized Map<String, Object> series() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("t", new ArrayList<>(t));
        m.put("rss_mib", new ArrayList<>(rss));
        m.put("ops_per_s", new ArrayList<>(opsPerSecond));
        m.put("lag_events", new ArrayList<>(lagEvents));
        m.put("phase", new ArrayList<>(phaseAt));
        return m;
    }
}
