package bench.harness;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The service JVM's memory: RSS from {@code /proc/<pid>/status}, heap used after every GC from the GC log
 * ({@code -Xlog:gc}), and the live heap after a forced full GC ({@code jcmd GC.run}) between phases only.
 */
public final class Memory {

    public record GcPoint(double benchSeconds, double afterMiB, boolean full) {}

    private static final Pattern GC_LINE = Pattern.compile(
            "^\\[(\\d+\\.\\d+)s\\].*?Pause (\\w+).*?(\\d+)([KMG])->(\\d+)([KMG])\\((\\d+)([KMG])\\)");
    /** JDK 17 prints "total 524288K, used 78000K", JDK 25 "total reserved 524288K, committed 524288K, used 78000K". */
    private static final Pattern HEAP_INFO = Pattern.compile("total (?:reserved \\d+K, committed )?(\\d+)K, used (\\d+)K");

    private final long pid;
    private final Path gcLog;
    private final double launchedAtBenchSeconds;

    public Memory(long pid, Path gcLog, double launchedAtBenchSeconds) {
        this.pid = pid;
        this.gcLog = gcLog;
        this.launchedAtBenchSeconds = launchedAtBenchSeconds;
    }

    /** VmRSS of the service process, MiB; NaN once it is gone. */
    public double rssMiB() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
                }
            }
        } catch (IOException | RuntimeException gone) {
            // the process has exited
        }
        return Double.NaN;
    }

    /** Every collection in the GC log so far, with the heap used after it. */
    public List<GcPoint> gcPoints() {
        List<GcPoint> points = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(gcLog)) {
                Matcher m = GC_LINE.matcher(line);
                if (m.find()) {
                    double after = mib(Long.parseLong(m.group(5)), m.group(6));
                    points.add(new GcPoint(launchedAtBenchSeconds + Double.parseDouble(m.group(1)), after,
                            m.group(2).equals("Full")));
                }
            }
        } catch (IOException noLogYet) {
            // nothing collected yet
        }
        return points;
    }

    /** Forces a full GC and returns the heap used after it (the live set), MiB; NaN if jcmd fails. */
    public double liveHeapMiB() {
        try {
            jcmd("GC.run");
            String info = jcmd("GC.heap_info");
            Matcher m = HEAP_INFO.matcher(info);
            if (m.find()) {
                return Long.parseLong(m.group(2)) / 1024.0;
            }
        } catch (Exception e) {
            System.out.println("  jcmd failed: " + e.getMessage());
        }
        return Double.NaN;
    }

    private String jcmd(String command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("jcmd", Long.toString(pid), command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        p.waitFor();
        return out;
    }

    private static double mib(long value, String unit) {
        return switch (unit) {
            case "K" -> value / 1024.0;
            case "G" -> value * 1024.0;
            default -> value;
        };
    }
}
