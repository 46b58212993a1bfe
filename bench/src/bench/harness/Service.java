package bench.harness;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * The service under test: started from its jar with {@code -Xmx512m} on a fresh data directory (its embedded
 * PostgreSQL included), stopped with SIGTERM, which also stops the database.
 */
public final class Service implements Processes.Stoppable {

    private final String name;
    private final Path jar;
    private final Path dataDir;
    private final Path logFile;
    private final Path gcLog;
    private final int port;
    private final long launchedAtNanos;
    private Process process;
    private final String heap;
    private final List<String> jvmOptions;
    private Service first;
    private int dbPort;
    private String dbPassword;

    private Service(String name, Path jar, Path dataDir, Path logFile, Path gcLog, int port, Process process, long launchedAtNanos,
                    String heap, List<String> jvmOptions) {
        this.name = name;
        this.heap = heap;
        this.jvmOptions = jvmOptions;
        this.jar = jar;
        this.dataDir = dataDir;
        this.logFile = logFile;
        this.gcLog = gcLog;
        this.port = port;
        this.process = process;
        this.launchedAtNanos = launchedAtNanos;
    }

    public static Service start(Path jar, Path results, String heap, List<String> extraJvmOptions) throws IOException {
        return start(jar, results, "service", heap, extraJvmOptions, null);
    }

    /** Another instance on the first one's PostgreSQL, accepting its tokens: the several-instances figures. */
    public static Service another(Service first, String name) throws IOException {
        return start(first.jar, first.logFile.getParent(), name, first.heap, first.jvmOptions, first);
    }

    private static Service start(Path jar, Path results, String name, String heap, List<String> extraJvmOptions, Service first)
            throws IOException {
        // PostgreSQL runs as nobody when we are root: the data directory and its parents must be enterable.
        Path dataDir = Files.createTempDirectory(Path.of("/tmp"), "feed-bench-",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        Files.setPosixFilePermissions(dataDir, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path binaries = Path.of("/tmp/feed-bench-pg-binaries");
        int port = freePort();
        Path log = results.resolve(name + ".log");
        Path gc = results.resolve(name.equals("service") ? "gc.log" : name + "-gc.log");
        Files.deleteIfExists(gc);
        // -Xms as -Xmx, as a server is run: G1 otherwise keeps the heap near its floor under load and collects the young
        // generation four times a second, each pause stalling the requests in flight (the peer gets the same flags).
        List<String> cmd = new ArrayList<>(List.of("java", "-Xms" + heap, "-Xmx" + heap, "-Xlog:gc:file=" + gc + ":uptime"));
        cmd.addAll(extraJvmOptions);
        cmd.addAll(List.of("-jar", jar.toString()));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("FEED_DATA_DIR", dataDir.toString());
        pb.environment().put("SERVER_PORT", Integer.toString(port));
        pb.environment().put("FEED_EMBEDDED_POSTGRES_BINARIES_DIR", binaries.toString());
        pb.environment().remove("SPRING_DATASOURCE_URL");
        if (first != null) {
            pb.environment().put("SPRING_DATASOURCE_URL", first.jdbcUrl("feed"));
            pb.environment().put("SPRING_DATASOURCE_USERNAME", "feed");
            pb.environment().put("SPRING_DATASOURCE_PASSWORD", first.dbPassword);
            pb.environment().put("FEED_JWT_SECRET", first.jwtSecret());
        }
        long launched = System.nanoTime();
        System.out.println("  starting " + String.join(" ", cmd) + "  (FEED_DATA_DIR=" + dataDir + ", port " + port + ")");
        Service s = new Service(name, jar, dataDir, log, gc, port, pb.start(), launched, heap, extraJvmOptions);
        s.first = first;
        return s;
    }

    @Override
    public String name() {
        return name;
    }

    public Path dataDir() {
        return dataDir;
    }

    public Path gcLog() {
        return gcLog;
    }

    public int port() {
        return port;
    }

    public long launchedAtNanos() {
        return launchedAtNanos;
    }

    public long pid() {
        return process.pid();
    }

    @Override
    public boolean alive() {
        return process.isAlive();
    }

    public void awaitUp(Duration timeout) throws Exception {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = "";
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the service exited with " + process.exitValue() + "; see " + logFile);
            }
            try {
                HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health"))
                        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
                last = r.statusCode() + " " + r.body();
                if (r.statusCode() == 200 && r.body().startsWith("{\"status\":\"UP\"") && first != null) {
                    dbPort = first.dbPort;
                    dbPassword = first.dbPassword;
                    return;
                }
                if (r.statusCode() == 200 && r.body().startsWith("{\"status\":\"UP\"")) {
                    Path pg = dataDir.resolve("postgres");
                    dbPort = Integer.parseInt(Files.readString(pg.resolve("port")).trim());
                    dbPassword = Files.readString(pg.resolve("password")).trim();
                    return;
                }
            } catch (IOException notYet) {
                last = notYet.toString();
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("the service did not come up in " + timeout + " (last: " + last + "); see " + logFile);
    }

    public String jwtSecret() throws IOException {
        if (first != null) return first.jwtSecret();
        return Files.readString(dataDir.resolve("jwt-secret"), StandardCharsets.UTF_8).trim();
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + dbPort + "/" + database;
    }

    public String dbPassword() {
        return dbPassword;
    }

    public Connection connect() throws java.sql.SQLException {
        Properties p = new Properties();
        p.setProperty("user", "feed");
        p.setProperty("password", dbPassword);
        p.setProperty("ApplicationName", "feed-bench");
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + dbPort + "/feed", p);
    }

    /** SIGTERM (graceful: the service stops its PostgreSQL too); a postmaster left behind is stopped by its pid file. */
    @Override
    public void stop() throws Exception {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(90, TimeUnit.SECONDS)) {
                System.out.println("  the service did not stop in 90 s: SIGKILL");
                process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            }
        }
        Path pidFile = dataDir.resolve("postgres/cluster/postmaster.pid");
        if (Files.exists(pidFile)) {
            long pgPid = Long.parseLong(Files.readAllLines(pidFile).get(0).trim());
            ProcessHandle.of(pgPid).ifPresent(h -> {
                System.out.println("  stopping the embedded PostgreSQL left behind (pid " + pgPid + ")");
                try {
                    new ProcessBuilder("kill", "-INT", Long.toString(pgPid)).start().waitFor();
                    h.onExit().get(60, TimeUnit.SECONDS);
                } catch (Exception e) {
                    h.destroyForcibly();
                }
            });
        }
    }

    /**
     * Stops this instance gracefully and starts it again on the same data directory and port, with {@code env} added
     * to its environment. Its CPU and memory meters keep the first process's pid: only a last phase may do this.
     */
    public void restart(String label, Map<String, String> env) throws Exception {
        stop();
        Path gc = logFile.getParent().resolve(name + "-" + label + "-gc.log");
        List<String> cmd = new ArrayList<>(List.of("java", "-Xms" + heap, "-Xmx" + heap, "-Xlog:gc:file=" + gc + ":uptime"));
        cmd.addAll(jvmOptions);
        cmd.addAll(List.of("-jar", jar.toString()));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
        pb.environment().put("FEED_DATA_DIR", dataDir.toString());
        pb.environment().put("SERVER_PORT", Integer.toString(port));
        pb.environment().put("FEED_EMBEDDED_POSTGRES_BINARIES_DIR", "/tmp/feed-bench-pg-binaries");
        pb.environment().remove("SPRING_DATASOURCE_URL");
        pb.environment().putAll(env);
        System.out.println("  restarting the service with " + env + " (" + label + ")");
        process = pb.start();
        awaitUp(Duration.ofMinutes(5));
    }

    public void deleteData() throws Exception {
        new ProcessBuilder("rm", "-rf", dataDir.toString()).inheritIO().start().waitFor();
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
