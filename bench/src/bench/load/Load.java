package bench.load;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * Closed and open loops over any operation, HTTP or JDBC alike, so both sides of a ratio are driven the same way.
 * Closed loop: N workers, each issues its next operation when the previous one returns. Open loop: operations are
 * scheduled at a fixed rate and each latency is measured from its scheduled start, so a stall is not hidden
 * (no coordinated omission); N workers pick up the slots.
 */
public final class Load {

    /** Everything completed by any loop, for the once-a-second time series. */
    public static final AtomicLong OPS = new AtomicLong();

    private static final ThreadLocal<long[]> SCHEDULED = ThreadLocal.withInitial(() -> new long[1]);

    /** Inside {@link Worker#run}: when this operation was due (open loop) or started (closed loop), System.nanoTime(). */
    public static long scheduledNanos() {
        return SCHEDULED.get()[0];
    }

    public interface Worker extends AutoCloseable {
        /** One operation; returns how many units it completed (rows, pages); an exception counts as an error. */
        long run(long seq) throws Exception;

        @Override
        default void close() throws java.sql.SQLException {
        }
    }

    public interface WorkerFactory {
        Worker create(int index) throws Exception;
    }

    public record Result(String name, long ops, long units, long errors, long dropped, double seconds, long[] latenciesNanos, String firstError,
                  double offeredPerSecond) {

        public double opsPerSecond() {
            return ops / seconds;
        }

        public double unitsPerSecond() {
            return units / seconds;
        }

        public double percentileMs(double p) {
            if (latenciesNanos.length == 0) return Double.NaN;
            int idx = (int) Math.ceil(p / 100.0 * latenciesNanos.length) - 1;
            return latenciesNanos[Math.max(0, Math.min(idx, latenciesNanos.length - 1))] / 1e6;
        }

        public Map<String, Object> json() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("ops", ops);
            m.put("units", units);
            m.put("errors", errors);
            m.put("seconds", seconds);
            m.put("ops_per_s", opsPerSecond());
            m.put("units_per_s", unitsPerSecond());
            if (offeredPerSecond > 0) {
                m.put("offered_per_s", offeredPerSecond);
                m.put("dropped", dropped);
            }
            m.put("p50_ms", percentileMs(50));
            m.put("p75_ms", percentileMs(75));
            m.put("p90_ms", percentileMs(90));
            m.put("p95_ms", percentileMs(95));
            m.put("p99_ms", percentileMs(99));
            m.put("p99.9_ms", percentileMs(99.9));
            m.put("max_ms", percentileMs(100));
            if (firstError != null) m.put("first_error", firstError);
            return m;
        }

        String summary() {
            return String.format("%s: %d ops (%d units) in %.1f s = %.1f ops/s, %.1f units/s, p50 %.2f ms, p99 %.2f ms, max %.1f ms, errors %d%s",
                    name, ops, units, seconds, opsPerSecond(), unitsPerSecond(), percentileMs(50), percentileMs(99),
                    percentileMs(100), errors, firstError == null ? "" : " (first: " + firstError + ")")
                    + (dropped > 0 ? "; " + dropped + " slots dropped (latency to the stop counted): service saturated" : "");
        }
    }

    private Load() {
    }

    /** Closed loop for a fixed time after a warm-up whose operations are not counted. */
    public static Result closed(String name, int threads, double warmupSeconds, double seconds, WorkerFactory factory) throws Exception {
        long start = System.nanoTime();
        long measureFrom = start + (long) (warmupSeconds * 1e9);
        long end = measureFrom + (long) (seconds * 1e9);
        return run(name, threads, factory, 0, (w, st) -> {
            long now;
            while ((now = System.nanoTime()) < end) {
                long t0 = now;
                st.attempt(w, t0, t0 >= measureFrom, 0);
            }
        }, measureFrom, end);
    }

    /** Closed loop over a fixed number of operations (sequence numbers 0..total-1), timed from first to last. */
    public static Result closedCount(String name, int threads, long total, WorkerFactory factory) throws Exception {
        AtomicLong next = new AtomicLong();
        long start = System.nanoTime();
        return run(name, threads, factory, 0, (w, st) -> {
            long seq;
            while ((seq = next.getAndIncrement()) < total) {
                st.attempt(w, System.nanoTime(), true, seq);
            }
        }, start, -1);
    }

    /**
     * Open loop: {@code rate} operations per second for {@code seconds}, latency from each operation's scheduled start.
     * Slots still unstarted two seconds after the schedule ends are dropped, each counted with the latency it had
     * reached by then (a lower bound), so an overloaded side cannot make its percentiles look better by falling behind.
     */
    public static Result open(String name, int threads, double rate, double seconds, WorkerFactory factory) throws Exception {
        AtomicLong slot = new AtomicLong();
        long start = System.nanoTime() + 50_000_000L;
        long total = (long) (rate * seconds);
        long hardStop = start + (long) (seconds * 1e9) + 2_000_000_000L;
        return run(name, threads, factory, rate, (w, st) -> {
            long i;
            while ((i = slot.getAndIncrement()) < total) {
                long scheduled = start + (long) (i * 1e9 / rate);
                long wait;
                while ((wait = scheduled - System.nanoTime()) > 0) LockSupport.parkNanos(wait);
                if (System.nanoTime() > hardStop) {
                    st.drop(hardStop - scheduled);
                } else {
                    st.attempt(w, scheduled, true, i);
                }
            }
        }, start, -1);
    }

    private interface Loop {
        void run(Worker w, Stats st) throws Exception;
    }

    private static final class Stats {
        long[] lat = new long[1024];
        int n;
        long ops, units, errors, dropped;
        String firstError;

        void drop(long latency) {
            dropped++;
            if (n == lat.length) lat = Arrays.copyOf(lat, n * 2);
            lat[n++] = latency;
        }

        void attempt(Worker w, long t0, boolean counted, long seq) {
            long u;
            SCHEDULED.get()[0] = t0;
            try {
                u = w.run(seq);
            } catch (Exception e) {
                if (counted) {
                    errors++;
                    if (firstError == null) firstError = String.valueOf(e.getMessage() == null ? e : e.getMessage());
                }
                return;
            }
            long latency = System.nanoTime() - t0;
            OPS.incrementAndGet();
            if (!counted) return;
            ops++;
            units += u;
            if (n == lat.length) lat = Arrays.copyOf(lat, n * 2);
            lat[n++] = latency;
        }
    }

    private static Result run(String name, int threads, WorkerFactory factory, double offered, Loop loop,
                              long measureFrom, long fixedEnd) throws Exception {
        List<Stats> stats = new ArrayList<>();
        List<Thread> ts = new ArrayList<>();
        AtomicReference<Exception> setupError = new AtomicReference<>();
        AtomicLong lastDone = new AtomicLong();
        for (int k = 0; k < threads; k++) {
            Stats st = new Stats();
            stats.add(st);
            int index = k;
            Thread t = new Thread(() -> {
                try (Worker w = factory.create(index)) {
                    loop.run(w, st);
                } catch (Exception e) {
                    setupError.compareAndSet(null, e);
                } finally {
                    lastDone.accumulateAndGet(System.nanoTime(), Math::max);
                }
            }, name + "-" + k);
            ts.add(t);
        }
        ts.forEach(Thread::start);
        for (Thread t : ts) t.join();
        if (setupError.get() != null) throw setupError.get();
        long end = fixedEnd > 0 ? fixedEnd : lastDone.get();
        double secs = Math.max(1e-9, (end - measureFrom) / 1e9);
        long ops = 0, units = 0, errors = 0, dropped = 0;
        int n = 0;
        String firstError = null;
        for (Stats st : stats) {
            ops += st.ops;
            units += st.units;
            errors += st.errors;
            dropped += st.dropped;
            n += st.n;
            if (firstError == null) firstError = st.firstError;
        }
        long[] all = new long[n];
        int pos = 0;
        for (Stats st : stats) {
            System.arraycopy(st.lat, 0, all, pos, st.n);
            pos += st.n;
        }
        Arrays.sort(all);
        Result r = new Result(name, ops, units, errors, dropped, secs, all, firstError, offered);
        System.out.println("  " + r.summary());
        return r;
    }
}
