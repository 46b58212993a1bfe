package dev.homefeed.api.crash;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import dev.homefeed.api.secrets.PersistentSecrets;
import dev.homefeed.api.support.AdminClient;
import dev.homefeed.api.support.FeedClient;
import dev.homefeed.api.support.ServiceProcess;
import dev.homefeed.api.support.Tokens;
import dev.homefeed.postgres.testing.TestRun;

/**
 * The packaged service on a data directory of its own, started, SIGKILLed and started again over whatever the kill
 * left behind (its embedded PostgreSQL still running, among others), as {@link ServiceProcess} runs it. It hands out
 * clients for the process running now, and reads the database the way an operator would.
 */
final class KillableService implements AutoCloseable {

    private final String name;
    private final Timeline timeline;
    private final Path directory;
    private final Path data;
    private final Path jar;
    private ServiceProcess process;
    private int starts;
    private String adminToken;
    private Tokens userTokens;

    private KillableService(String name, Timeline timeline, Path directory, Path data, Path jar) {
        this.name = name;
        this.timeline = timeline;
        this.directory = directory;
        this.data = data;
        this.jar = jar;
    }

    /** A fresh data directory under the test run's directory, so a killed test JVM's leftovers are cleared next run. */
    static KillableService onFreshDataDirectory(String name, Timeline timeline) throws IOException {
        Path jar = ServiceProcess.packagedJar();
        Path directory = Files.createTempDirectory(TestRun.directory(), name + "-");
        // As root, PostgreSQL runs as 'nobody', which must be able to pass through.
        Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path data = Files.createDirectory(directory.resolve("data"));
        Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rwxr-xr-x"));
        return new KillableService(name, timeline, directory, data, jar);
    }

    /**
     * Starts the jar and waits until it is healthy. The first start creates the secrets tokens are signed with; the
     * tokens are made then, so that no later call waits for the token command.
     */
    void start(String what) throws IOException, InterruptedException {
        long began = System.nanoTime();
        // Windows large enough for whole feeds: the checks compare every feed row with the feed's definition.
        process = ServiceProcess.start(jar, data, directory.resolve("service-" + ++starts + ".log"),
                Map.of("FEED_HOME_FEED_WINDOW", "100000"));
        process.awaitHealthy();
        timeline.note(what + ": healthy after " + Timeline.millisSince(began) + " ms");
        if (adminToken == null) {
            adminToken = ServiceProcess.token(jar, data, "--user", "9000", "--admin");
            userTokens = new Tokens(new PersistentSecrets(data).loadOrCreate("jwt-secret").value());
        }
    }

    /** SIGKILL, as the OOM killer would; the exit status must say the signal did it. */
    void kill() throws InterruptedException {
        assertThat(process.kill()).as("exit status of SIGKILL").isEqualTo(ServiceProcess.SIGKILL_EXIT);
    }

    /** Starts again after a kill: the killed service's PostgreSQL is still running, and the new one must cope. */
    void restartOverOrphanedPostgres() throws IOException, InterruptedException {
        Set<ProcessHandle> orphans = ServiceProcess.processesIn(cluster());
        assertThat(orphans).as("PostgreSQL processes the killed service left running on " + cluster()).isNotEmpty();
        start("restart over an orphaned PostgreSQL");
        assertThat(orphans).as("the orphaned PostgreSQL processes after the restart").noneMatch(ProcessHandle::isAlive);
        process.logLines("from an earlier run").forEach(line -> timeline.note("service log: " + line.strip()));
    }

    /** SIGTERM: a clean stop, which also stops the embedded PostgreSQL and leaves nothing of it running. */
    void stopCleanly() throws InterruptedException {
        long began = System.nanoTime();
        int exit = process.stop();
        timeline.note("SIGTERM: stopped after " + Timeline.millisSince(began) + " ms with exit status " + exit);
        assertThat(exit).as("exit status after SIGTERM").isIn(0, ServiceProcess.SIGTERM_EXIT);
        assertThat(ServiceProcess.processesIn(cluster())).as("PostgreSQL processes left after a clean stop").isEmpty();
        assertThat(cluster().resolve("postmaster.pid")).as("postmaster.pid after a clean stop").doesNotExist();
    }

    /** The users' calls to the process running now, with tokens signed by the secret it keeps in its data directory. */
    FeedClient feed() {
        return new FeedClient(process.http(), userTokens);
    }

    /** The admin calls to the process running now, with a token from the jar's own token command. */
    AdminClient admin() {
        return new AdminClient(process.http(), adminToken);
    }

    List<String> logLines(String text) {
        return process.logLines(text);
    }

    String logTail(int lines) {
        return process.logTail(lines);
    }

    // ------------------------------------------------------------------------------------------- the database

    /** Connects the way an operator would: the port and password the service keeps in its data directory. */
    Connection connect() throws SQLException {
        Path postgres = data.resolve("postgres");
        try {
            String url = "jdbc:postgresql://127.0.0.1:" + Files.readString(postgres.resolve("port")).trim() + "/feed";
            return DriverManager.getConnection(url, "feed", Files.readString(postgres.resolve("password")).trim());
        } catch (IOException e) {
            throw new AssertionError("cannot read the database's port or password in " + postgres, e);
        }
    }

    List<List<Object>> query(String sql) throws SQLException {
        List<List<Object>> rows = new ArrayList<>();
        try (Connection connection = connect();
             Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery(sql)) {
            int columns = result.getMetaData().getColumnCount();
            while (result.next()) {
                List<Object> row = new ArrayList<>(columns);
                for (int i = 1; i <= columns; i++) {
                    row.add(result.getObject(i));
                }
                rows.add(row);
            }
        }
        return rows;
    }

    long count(String sql) throws SQLException {
        return ((Number) query(sql).get(0).get(0)).longValue();
    }

    private Path cluster() {
        return data.resolve("postgres").resolve("cluster");
    }

    // ---------------------------------------------------------------------------------------------- clean-up

    /** Kills whatever still runs, keeps the logs next to the Failsafe reports, and deletes the data directory. */
    @Override
    public void close() throws Exception {
        timeline.print();
        try {
            if (process != null && process.isAlive()) {
                process.kill();
            }
            ServiceProcess.killProcessesIn(cluster());
            copyLogsToTarget();
        } finally {
            ServiceProcess.deleteTree(directory);
        }
    }

    private void copyLogsToTarget() throws IOException {
        Path target = Files.createDirectories(Path.of("target", name + "-it"));
        try (Stream<Path> logs = Files.list(directory)) {
            for (Path log : logs.filter(f -> f.getFileName().toString().endsWith(".log")).toList()) {
                Files.copy(log, target.resolve(log.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        Path postgresLog = data.resolve("postgres").resolve("postgres.log");
        if (Files.exists(postgresLog)) {
            Files.copy(postgresLog, target.resolve("postgres.log"), StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
