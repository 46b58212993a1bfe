package bench.harness;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * CPU seconds used by the service JVM, by its PostgreSQL (postmaster, its backends, and the ones it reaped), by this
 * harness, and by the whole machine, from /proc. Per phase, this shows where the time goes, and how much of the
 * machine other work took.
 */
public final class CpuMeter {

    public record Snapshot(double wall, double service, double postgres, double harness, double peer, double machineBusy) {

        public Use minus(Snapshot before) {
            double w = wall - before.wall;
            double svc = service - before.service, pg = postgres - before.postgres, self = harness - before.harness;
            // A peer that stopped in between reads as 0 afterwards: its share is unknown, not negative.
            double other = Math.max(0, peer - before.peer);
            double busy = machineBusy - before.machineBusy;
            return new Use(w, svc, pg, self, other, Math.max(0, busy - svc - pg - self - other), Math.max(0, w * CPUS - busy));
        }
    }

    /** CPU seconds over a stretch of wall time: each metered process, the rest of the machine's work, and its idle time. */
    public record Use(double wallSeconds, double serviceSeconds, double postgresSeconds, double harnessSeconds, double peerSeconds,
                      double otherSeconds, double idleSeconds) {

        public Map<String, Object> json() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("wall_s", wallSeconds);
            m.put("service_cpu_s", serviceSeconds);
            m.put("postgres_cpu_s", postgresSeconds);
            m.put("harness_cpu_s", harnessSeconds);
            m.put("peer_cpu_s", peerSeconds);
            m.put("other_cpu_s", otherSeconds);
            m.put("machine_idle_s", idleSeconds);
            return m;
        }
    }

    /** µs of process CPU per operation: the JVM that served it (the service, the peer) and PostgreSQL. */
    public record PerOperation(long ops, double jvmMicros, double postgresMicros) {

        public Map<String, Object> json() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("ops", ops);
            m.put("jvm_us", jvmMicros);
            m.put("postgres_us", postgresMicros);
            return m;
        }
    }

    public static final int CPUS = Runtime.getRuntime().availableProcessors();
    private static final double HZ = 100.0; // USER_HZ on Linux

    private final long servicePid;
    private final Path postmasterPidFile;
    /** The peer's or a second instance's JVM while one runs, else 0: counted apart from "other work". */
    private volatile long peerPid;

    public CpuMeter(long servicePid, Path postmasterPidFile) {
        this.servicePid = servicePid;
        this.postmasterPidFile = postmasterPidFile;
    }

    public void meterPeer(long pid) {
        peerPid = pid;
    }

    /** The service JVM's threads: name and CPU ticks by thread id, and the process's total ticks. */
    public record Threads(Map<Long, String> names, Map<Long, Double> ticks, double total) {

        /**
         * CPU seconds since {@code before} by kind of thread: the JIT compilers, the event processors, the garbage
         * collector, and the rest (request threads, schedulers, threads that ended meanwhile: compiler threads come
         * and go with the compile queue, so a little of the compilers' time may land there).
         */
        public ByThread minus(Threads before) {
            double compiler = 0, processors = 0, gc = 0;
            for (Map.Entry<Long, Double> t : ticks.entrySet()) {
                double used = t.getValue() - before.ticks.getOrDefault(t.getKey(), 0.0);
                String name = names.get(t.getKey());
                if (name.startsWith("C1 Compiler") || name.startsWith("C2 Compiler")) compiler += used;
                else if (name.startsWith("EventProcessor[")) processors += used;
                else if (name.startsWith("GC Thread") || name.startsWith("G1 ")) gc += used;
            }
            return new ByThread(compiler / HZ, processors / HZ, gc / HZ, Math.max(0, total - before.total - compiler - processors - gc) / HZ);
        }
    }

    /** The service JVM's CPU seconds by kind of thread. */
    public record ByThread(double compilerSeconds, double processorsSeconds, double gcSeconds, double restSeconds) {

        public Map<String, Object> json() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("compiler_cpu_s", compilerSeconds);
            m.put("processors_cpu_s", processorsSeconds);
            m.put("gc_cpu_s", gcSeconds);
            m.put("rest_cpu_s", restSeconds);
            return m;
        }
    }

    public Threads serviceThreads() {
        Map<Long, String> names = new LinkedHashMap<>();
        Map<Long, Double> ticks = new LinkedHashMap<>();
        try (var tasks = Files.list(Path.of("/proc/" + servicePid + "/task"))) {
            for (Path task : tasks.toList()) {
                try {
                    String stat = Files.readString(task.resolve("stat"));
                    long tid = Long.parseLong(task.getFileName().toString());
                    names.put(tid, stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')')));
                    ticks.put(tid, ticks(stat, false));
                } catch (Exception ended) {
                    // the thread ended while listed
                }
            }
        } catch (Exception gone) {
            // not running
        }
        return new Threads(names, ticks, ticks(servicePid, false));
    }

    public Snapshot take() {
        double pg = 0;
        try {
            long pm = Long.parseLong(Files.readAllLines(postmasterPidFile).get(0).trim());
            pg = ticks(pm, true) + ProcessHandle.of(pm).map(h -> h.descendants().mapToDouble(d -> ticks(d.pid(), false)).sum()).orElse(0.0);
        } catch (Exception gone) {
            // not running
        }
        return new Snapshot(System.nanoTime() / 1e9, ticks(servicePid, false) / HZ, pg / HZ,
                ticks(ProcessHandle.current().pid(), false) / HZ, peerPid == 0 ? 0 : ticks(peerPid, false) / HZ, machineBusy() / HZ);
    }

    /**
     * CPU per operation from {@code from} until now, for {@code ops} operations served by the peer's (or a second
     * instance's) JVM when {@code peerSide}, else by the service's.
     */
    public PerOperation perOperation(Snapshot from, long ops, boolean peerSide) {
        Snapshot to = take();
        return new PerOperation(ops, (peerSide ? to.peer() - from.peer() : to.service() - from.service()) * 1e6 / ops,
                (to.postgres() - from.postgres()) * 1e6 / ops);
    }

    /** utime + stime (+ cutime + cstime of reaped children), in clock ticks. */
    private static double ticks(long pid, boolean withChildren) {
        try {
            return ticks(Files.readString(Path.of("/proc/" + pid + "/stat")), withChildren);
        } catch (Exception gone) {
            return 0;
        }
    }

    /** The same from the text of a process's or thread's {@code stat}. */
    private static double ticks(String stat, boolean withChildren) {
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        // after "pid (comm) ": f[0] is state (field 3), so field n is f[n - 3]
        double t = Double.parseDouble(f[11]) + Double.parseDouble(f[12]);
        if (withChildren) t += Double.parseDouble(f[13]) + Double.parseDouble(f[14]);
        return t;
    }

    private static double machineBusy() {
        try {
            List<String> lines = Files.readAllLines(Path.of("/proc/stat"));
            String[] f = lines.get(0).trim().split("\\s+");
            double total = 0;
            for (int k = 1; k < Math.min(f.length, 9); k++) total += Double.parseDouble(f[k]);
            return total - Double.parseDouble(f[4]) - Double.parseDouble(f[5]);
        } catch (Exception e) {
            return 0;
        }
    }
}
