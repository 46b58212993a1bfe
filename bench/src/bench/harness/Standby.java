package bench.harness;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A streaming standby of the service's embedded PostgreSQL, made and run by the service jar's own
 * {@code StandbyMain} (a low-level base backup and the same binaries) in a process of its own; stopped with SIGTERM,
 * which stops the standby server too.
 */
public final class Standby implements Processes.Stoppable {

    private final Process process;
    private final Path dataDir;
    private final String url;

    private Standby(Process process, Path dataDir, String url) {
        this.process = process;
        this.dataDir = dataDir;
        this.url = url;
    }

    public static Standby of(Service primary, Path jar, Path log) throws Exception {
        Path dataDir = Files.createTempDirectory(Path.of("/tmp"), "feed-bench-standby-",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        List<String> cmd = List.of("java", "-Xmx256m", "-cp", jar.toString(), "-Dloader.main=dev.homefeed.postgres.StandbyMain",
                "org.springframework.boot.loader.launch.PropertiesLauncher",
                "--primary-data-dir", primary.dataDir().toString(), "--data-dir", dataDir.toString());
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("FEED_EMBEDDED_POSTGRES_BINARIES_DIR", "/tmp/feed-bench-pg-binaries");
        System.out.println("  starting " + String.join(" ", cmd));
        long t0 = System.nanoTime();
        Process process = pb.start();
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        String line;
        String url = null;
        while ((line = out.readLine()) != null) {
            Files.writeString(log, line + "\n", StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.CREATE,
                    java.nio.file.StandardOpenOption.APPEND);
            if (line.startsWith("Standby ready: FEED_READ_REPLICA_URLS=")) {
                url = line.substring(line.indexOf('=') + 1);
                break;
            }
        }
        Require.that(url != null, "the standby did not start; see " + log);
        Thread drain = new Thread(() -> {
            try {
                String rest;
                while ((rest = out.readLine()) != null) {
                    Files.writeString(log, rest + "\n", StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.APPEND);
                }
            } catch (IOException closed) {
                // the process ended
            }
        }, "standby-log");
        drain.setDaemon(true);
        drain.start();
        System.out.printf("  standby made and started in %.1f s: %s%n", (System.nanoTime() - t0) / 1e9, url);
        return new Standby(process, dataDir, url);
    }

    /** The JDBC URL for {@code FEED_READ_REPLICA_URLS}. */
    public String url() {
        return url;
    }

    @Override
    public String name() {
        return "standby";
    }

    @Override
    public boolean alive() {
        return process.isAlive();
    }

    @Override
    public void stop() throws Exception {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            }
        }
        new ProcessBuilder("rm", "-rf", dataDir.toString()).inheritIO().start().waitFor();
    }
}
