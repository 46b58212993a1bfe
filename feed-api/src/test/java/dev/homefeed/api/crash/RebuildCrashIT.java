package dev.homefeed.api.crash;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
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
 * A SIGKILL of the packaged service while a rebuild builds: after the restart the rebuild resumes from its
 * processor's tokens, compares clean against the serving generation, and switches; serving answered throughout.
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
        Map<Long, List<String>> before = feeds(http, tokens);

        assertThat(http.post("/admin/projections/home-feed/rebuild", admin, "{\"cutover\": \"manual\"}").status()).isEqualTo(202);
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(20)).until(() -> {
            JsonNode rebuild = http.get("/admin/projections/home-feed/rebuild", admin).json();
            return rebuild.get("state").asText().equals("BUILDING") && rebuild.get("progress").asDouble() > 0.05;
        });
        double progressAtKill = http.get("/admin/projections/home-feed/rebuild", admin).json().get("progress").asDouble();
        assertThat(service.kill()).as("exit status of SIGKILL").isEqualTo(ServiceProcess.SIGKILL_EXIT);
        System.out.println("[rebuild-crash] killed at rebuild progress " + progressAtKill);

        service = ServiceProcess.start(jar, data, directory.resolve("second.log"));
        service.awaitHealthy();
        Http restarted = service.http();
        assertThat(feeds(restarted, tokens)).as("serving feeds right after the restart").isEqualTo(before);
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(
                restarted.get("/admin/projections/home-feed/rebuild", admin).json().get("state").asText()).isEqualTo("READY"));
        JsonNode ready = restarted.get("/admin/projections/home-feed/rebuild", admin).json();
        assertThat(ready.get("comparison").get("viewersDiffering").asLong()).as(ready.toString()).isZero();
        assertThat(ready.get("comparison").get("viewers").asLong()).isEqualTo(USERS);
        assertThat(service.logLines("resumes building generation")).isNotEmpty();

        assertThat(restarted.post("/admin/projections/home-feed/rebuild/cutover", admin, "").status()).isEqualTo(200);
        assertThat(feeds(restarted, tokens)).as("feeds after the switch").isEqualTo(before);
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
