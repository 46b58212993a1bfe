package dev.homefeed.api.crash;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;

import com.fasterxml.jackson.databind.JsonNode;
import dev.homefeed.api.support.Http;
import dev.homefeed.api.support.ServiceProcess;
import dev.homefeed.postgres.testing.TestRun;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A SIGKILL of the packaged service while a rebuild builds, or in the middle of its switch: after the restart the
 * rebuild resumes from its processor's tokens, or waits READY with both generations whole, and switches to the same
 * feeds; serving answered throughout.
 * The service runs with home-feed batches of 10 (as in {@link CrashSafetyIT}), so the rebuild lasts long enough.
 */
class RebuildCrashIT {

    private static final int USERS = 20;
    private static final int POSTS_PER_USER = 30;
    private static final Duration PATIENCE = Duration.ofSeconds(120);

    private Path directory;
    private ServiceProcess service;

    @AfterEach
    void stop() throws Exception {
        try {
            if (service != null && service.isAlive()) {
                service.kill();
            }
            if (directory != null) {
                ServiceProcess.killProcessesIn(directory.resolve("data").resolve("postgres").resolve("cluster"));
            }
        } finally {
            ServiceProcess.deleteTree(directory);
        }
    }

    @Test
    void aRebuildKilledWhileBuildingResumesAfterTheRestartAndSwitchesToTheSameFeeds() throws Exception {
        History history = startWithHistory();
        Http http = service.http();

        assertThat(http.post("/admin/projections/home-feed/rebuild", history.admin, "{\"cutover\": \"manual\"}").status()).isEqualTo(202);
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(20)).until(() -> {
            JsonNode rebuild = http.get("/admin/projections/home-feed/rebuild", history.admin).json();
            return rebuild.get("state").asText().equals("BUILDING") && rebuild.get("progress").asDouble() > 0.05;
        });
        double progressAtKill = http.get("/admin/projections/home-feed/rebuild", history.admin).json().get("progress").asDouble();
        assertThat(service.kill()).as("exit status of SIGKILL").isEqualTo(ServiceProcess.SIGKILL_EXIT);
        System.out.println("[rebuild-crash] killed at rebuild progress " + progressAtKill);

        service = ServiceProcess.start(history.jar, history.data, directory.resolve("second.log"));
        service.awaitHealthy();
        Http restarted = service.http();
        assertThat(feeds(restarted, history.tokens)).as("serving feeds right after the restart").isEqualTo(history.feeds);
        JsonNode ready = awaitRebuild(restarted, history.admin, "READY");
        assertThat(ready.get("comparison").get("viewersDiffering").asLong()).as(ready.toString()).isZero();
        assertThat(ready.get("comparison").get("viewers").asLong()).isEqualTo(USERS);
        assertThat(service.logLines("resumes building generation")).isNotEmpty();

        assertThat(restarted.post("/admin/projections/home-feed/rebuild/cutover", history.admin, "").status()).isEqualTo(200);
        assertThat(feeds(restarted, history.tokens)).as("feeds after the switch").isEqualTo(history.feeds);
    }

    /**
     * The switch is one transaction; to kill the service inside it, a reader holds {@code user_feed} open, so the
     * switch waits in the middle (its generations locked, the view about to be replaced) until the kill. After the
     * restart nothing of it remains: generation 1 serves, generation 2 is whole and still READY, and a second cutover
     * switches to the same feeds.
     */
    @Test
    void aSwitchKilledHalfWayLeavesBothGenerationsWholeAndTheRebuildReadyToSwitchAgain() throws Exception {
        History history = startWithHistory();
        Http http = service.http();
        assertThat(http.post("/admin/projections/home-feed/rebuild", history.admin, "{\"cutover\": \"manual\"}").status()).isEqualTo(202);
        awaitRebuild(http, history.admin, "READY");
        long servingRows = count(history.data, "SELECT count(*) FROM home_feed_g1.user_feed");
        long rebuiltRows = count(history.data, "SELECT count(*) FROM home_feed_g2.user_feed");

        Thread cutover;
        try (Connection reader = connect(history.data)) {
            reader.setAutoCommit(false);
            try (Statement statement = reader.createStatement()) {
                statement.executeQuery("SELECT 1 FROM user_feed LIMIT 1").close();
            }
            cutover = new Thread(() -> {
                try {
                    http.post("/admin/projections/home-feed/rebuild/cutover", history.admin, "");
                } catch (AssertionError killedMidRequest) {
                    // expected: the service dies while the request waits
                }
            });
            cutover.start();
            await("the switch waiting on the reader's lock").atMost(PATIENCE).until(() -> count(history.data,
                    "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE 'LOCK TABLE%'") == 1);
            assertThat(service.kill()).as("exit status of SIGKILL").isEqualTo(ServiceProcess.SIGKILL_EXIT);
            reader.rollback();
        }
        cutover.join();

        service = ServiceProcess.start(history.jar, history.data, directory.resolve("second.log"));
        service.awaitHealthy();
        Http restarted = service.http();
        assertThat(restarted.get("/admin/projections/home-feed", history.admin).json().get("generation").asInt())
                .as("the serving generation after a switch killed half-way").isEqualTo(1);
        assertThat(awaitRebuild(restarted, history.admin, "READY").get("generation").asInt()).isEqualTo(2);
        assertThat(count(history.data, "SELECT count(*) FROM home_feed_g1.user_feed")).isEqualTo(servingRows);
        assertThat(count(history.data, "SELECT count(*) FROM home_feed_g2.user_feed")).isEqualTo(rebuiltRows);
        assertThat(feeds(restarted, history.tokens)).as("serving feeds right after the restart").isEqualTo(history.feeds);

        assertThat(restarted.post("/admin/projections/home-feed/rebuild/cutover", history.admin, "").status()).isEqualTo(200);
        assertThat(restarted.get("/admin/projections/home-feed", history.admin).json().get("generation").asInt()).isEqualTo(2);
        assertThat(feeds(restarted, history.tokens)).as("feeds after the second cutover").isEqualTo(history.feeds);
    }

    private record History(Path jar, Path data, String admin, Map<Long, String> tokens, Map<Long, List<String>> feeds) {
    }

    /** The packaged service on a fresh data directory, with a follow graph and posts projected and caught up. */
    private History startWithHistory() throws Exception {
        Path jar = ServiceProcess.packagedJar();
        directory = Files.createTempDirectory(TestRun.directory(), "rebuild-crash-");
        Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path data = Files.createDirectory(directory.resolve("data"));
        Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rwxr-xr-x"));
        service = ServiceProcess.start(jar, data, directory.resolve("first.log"));
        service.awaitHealthy();
        String admin = ServiceProcess.token(jar, data, "--user", "999", "--admin");
        Map<Long, String> tokens = new HashMap<>();
        for (long user = 1; user <= USERS; user++) {
            tokens.put(user, ServiceProcess.token(jar, data, "--user", Long.toString(user)));
        }
        Http http = service.http();
        for (long user = 1; user <= USERS; user++) {
            for (long followee : List.of(user % USERS + 1, (user + 1) % USERS + 1)) {
                assertThat(http.put("/api/v1/following/" + followee, tokens.get(user)).status()).isEqualTo(204);
            }
            for (int i = 0; i < POSTS_PER_USER; i++) {
                assertThat(http.post("/api/v1/posts", tokens.get(user), "{\"text\": \"post " + i + "\"}").status()).isEqualTo(201);
            }
        }
        awaitCaughtUp(http, admin);
        return new History(jar, data, admin, tokens, feeds(http, tokens));
    }

    private static JsonNode awaitRebuild(Http http, String admin, String state) {
        JsonNode[] last = new JsonNode[1];
        await().atMost(PATIENCE).untilAsserted(() -> {
            last[0] = http.get("/admin/projections/home-feed/rebuild", admin).json();
            assertThat(last[0].get("state").asText()).as(last[0].toString()).isEqualTo(state);
        });
        return last[0];
    }

    /** Connects the way an operator would: the port and password the service keeps in its data directory. */
    private static Connection connect(Path data) throws IOException, SQLException {
        Path postgres = data.resolve("postgres");
        String url = "jdbc:postgresql://127.0.0.1:" + Files.readString(postgres.resolve("port")).trim() + "/feed";
        return DriverManager.getConnection(url, "feed", Files.readString(postgres.resolve("password")).trim());
    }

    private static long count(Path data, String sql) throws IOException, SQLException {
        try (Connection connection = connect(data); Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery(sql)) {
            result.next();
            return result.getLong(1);
        }
    }

    private static void awaitCaughtUp(Http http, String admin) {
        await().atMost(PATIENCE).until(() -> http.get("/admin/projections/home-feed", admin).json().get("lagEvents").asLong() == 0);
    }

    private static Map<Long, List<String>> feeds(Http http, Map<Long, String> tokens) {
        Map<Long, List<String>> feeds = new HashMap<>();
        LongStream.rangeClosed(1, USERS).forEach(user -> {
            List<String> ids = new ArrayList<>();
            http.get("/api/v1/feed?limit=100", tokens.get(user)).json().get("items")
                    .forEach(item -> ids.add(item.get("postId").asText()));
            feeds.put(user, ids);
        });
        return feeds;
    }
}
