package bench.load;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import bench.harness.CpuMeter;

/**
 * Warm-ups before a measurement: a new JVM's JIT takes minutes of load on 2 cores, and a figure taken before it
 * settles measures the compiler.
 */
public final class WarmUp {

    private WarmUp() {
    }

    /**
     * Closed-loop rounds, at least {@code minRounds}, until one is less than 5 % faster than the one before (at most
     * {@code maxRounds}); returns each round's rate.
     */
    public static List<Double> untilSteady(String name, int connections, double roundSeconds, Load.WorkerFactory work, int minRounds,
                                           int maxRounds) throws Exception {
        List<Double> rates = new ArrayList<>();
        for (int round = 1; round <= maxRounds; round++) {
            double rate = Load.closed(name + ", round " + round, connections, 0, roundSeconds, work).opsPerSecond();
            rates.add(rate);
            if (round >= minRounds && rate < rates.get(round - 2) * 1.05) break;
        }
        return rates;
    }

    /** Closed-loop rounds until one reaches {@code rate} (at most {@code maxRounds}); returns each round's rate. */
    public static List<Double> untilRate(String name, int connections, double roundSeconds, double rate, int maxRounds,
                                         Load.WorkerFactory work) throws Exception {
        List<Double> rates = new ArrayList<>();
        for (int round = 1; round <= maxRounds; round++) {
            rates.add(Load.closed(name + ", round " + round, connections, 0, roundSeconds, work).opsPerSecond());
            if (rates.get(round - 1) >= rate) break;
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
    public static double compilerQuiet(String name, CpuMeter cpu, Duration limit) throws Exception {
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
}
