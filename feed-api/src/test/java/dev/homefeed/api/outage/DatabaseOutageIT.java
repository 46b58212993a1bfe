package dev.homefeed.api.outage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;

import com.fasterxml.jackson.databind.JsonNode;
import dev.homefeed.api.support.Http;
import dev.homefeed.api.support.ServiceProcess;
import dev.homefeed.api.support.Tokens;
import dev.homefeed.postgres.EmbeddedPostgresLauncher;
import dev.homefeed.postgres.EmbeddedPostgresSettings;
import dev.homefeed.postgres.RunningPostgres;
import dev.homefeed.postgres.testing.TestPostgres;
import dev.homefeed.postgres.testing.TestRun;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The packaged service on a PostgreSQL of its own that the test restarts, crashes and takes away, under a steady
 * load of posts and feed reads. Meanwhile every answer is a success or a {@code 503} problem, and while the database
 * is away each comes within about two seconds; after each fault the service is healthy and caught up by itself
 * within 30 seconds; at the end every acknowledged post is in every feed that should hold it, exactly once, and every
 * feed is the declarative one, evaluated in SQL from the command side's tables.
 */
class DatabaseOutageIT {

    private static final String SECRET = "database-outage-it-secret-of-at-least-32-bytes";
    private static final long ADMIN = 9_000;
    private static final List<Long> AUTHORS = LongStream.rangeClosed(1, 8).boxed().toList();
    private static final List<Long> VIEWERS = LongStream.rangeClosed(101, 130).boxed().toList();
    private static final int CRASHES = 6;
    private static final Duration ANSWER_LIMIT_WHILE_AWAY = Duration.ofMillis(2_500);
    private static final Duration RECOVERY_LIMIT = Duration.ofSeconds(30);

    private final Tokens tokens = new Tokens(SECRET);
    private final List<String> timings = new ArrayList<>();
    private final List<Instant[]> away = new ArrayList<>();
    private final List<SteadyLoad.Answer> healthWhileAway = new ArrayList<>();
    private final List<Duration> recoveries = new ArrayList<>();
    private Path directory;
    private RunningPostgres database;
    private ServiceProcess service;

    @BeforeEach
    void startDatabaseAndService() throws IOException {
        directory = Files.createTempDirectory(TestRun.directory(), "outage-");
        // As root, PostgreSQL runs as 'nobody', which must be able to pass through.
        Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path data = Files.createDirectory(directory.resolve("data"));
        Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rwxr-xr-x"));
        // fsync off: a crash of PostgreSQL's processes (not of the machine) still loses what was only in its memory.
        database = new EmbeddedPostgresLauncher(EmbeddedPostgresSettings.forDataDirectory(directory.resolve("db"))
                .withBinariesDirectory(TestPostgres.binariesCache())
                .withServerSettings(Map.of("fsync", "off", "full_page_writes", "off"))).start();
        service = ServiceProcess.start(ServiceProcess.packagedJar(), data, directory.resolve("service.log"), Map.of(
                "SPRING_DATASOURCE_URL", database.jdbcUrl(),
                "SPRING_DATASOURCE_USERNAME", database.username(),
                "SPRING_DATASOURCE_PASSWORD", database.password(),
                "FEED_JWT_SECRET", SECRET));
        service.awaitHealthy();
    }

    @AfterEach
    void stopEverything() throws Exception {
        System.out.println("[database-outage] timings:\n  " + String.join("\n  ", timings));
        try {
            if (service != null && service.isAlive()) {
                service.kill();
            }
            if (database != null) {
                database.close();
            }
            copyLogToTarget();
        } finally {
            ServiceProcess.deleteTree(directory);
        }
    }

    @Test
    @Timeout(value = 8, unit = TimeUnit.MINUTES)
    void acknowledgedPostsSurviveRestartsCrashesAndAnOutageAndAnswersStayFastProblems() throws Exception {
        follow();
        try (SteadyLoad load = new SteadyLoad(service.http(), tokens::user, AUTHORS, VIEWERS)) {
            load.start();
            pause(Duration.ofSeconds(3));
            fault("fast restart", database::stopCleanly, Duration.ZERO);
            for (int crash = 1; crash <= CRASHES; crash++) {
                pause(Duration.ofSeconds(2));
                fault("crash " + crash + " (immediate stop, crash recovery)", database::crash, Duration.ofMillis(300));
            }
            pause(Duration.ofSeconds(2));
            fault("15 s away", database::stopCleanly, Duration.ofSeconds(15));
            pause(Duration.ofSeconds(3));
            load.close();

            awaitCaughtUp(Instant.now().plus(RECOVERY_LIMIT));
            List<SteadyLoad.Answer> answers = load.answers();
            timings.add(answers.size() + " answers, " + load.acknowledged().size() + " posts acknowledged, "
                    + load.retriedByKey() + " of them after a retry by key; slowest while away: "
                    + slowest(whileAway(answers)) + " ms; slowest overall " + slowest(answers) + " ms");

            // Soft: a run that breaks several promises reports all of them.
            SoftAssertions softly = new SoftAssertions();
            softly.assertThat(answers).as("answers that are neither a success nor a database-unavailable problem")
                    .filteredOn(answer -> !answer.acceptable()).isEmpty();
            softly.assertThat(whileAway(answers)).as("answers while the database was away").isNotEmpty()
                    .as("answers slower than " + ANSWER_LIMIT_WHILE_AWAY.toMillis() + " ms while the database was away")
                    .filteredOn(answer -> answer.millis() > ANSWER_LIMIT_WHILE_AWAY.toMillis()).isEmpty();
            softly.assertThat(whileAway(answers)).as("problem answers while away").anyMatch(answer -> answer.status() == 503);
            softly.assertThat(healthWhileAway).as("health while the database was away").isNotEmpty()
                    .allMatch(health -> health.status() == 503 && health.body().contains("DOWN")
                            && health.millis() <= ANSWER_LIMIT_WHILE_AWAY.toMillis());
            softly.assertThat(recoveries).as("time from the database's return to health UP and caught up")
                    .allMatch(recovery -> recovery.compareTo(RECOVERY_LIMIT) <= 0);
            assertFeedsAreDeclarativeAndHold(softly, load.acknowledged());
            softly.assertAll();
        }
        assertNoDeadLettersOrErrors();
    }

    private void follow() {
        Random random = new Random(7);
        for (long viewer : VIEWERS) {
            Set<Long> followees = new HashSet<>();
            while (followees.size() < 3) {
                followees.add(AUTHORS.get(random.nextInt(AUTHORS.size())));
            }
            for (long followee : followees) {
                assertThat(service.http().put("/api/v1/following/" + followee, tokens.user(viewer)).status()).isEqualTo(204);
            }
        }
    }

    /** Stops the database as {@code stop} does, keeps it down for {@code downFor}, starts it and awaits recovery. */
    private void fault(String name, Runnable stop, Duration downFor) {
        Instant down = Instant.now();
        stop.run();
        Instant deadline = Instant.now().plus(downFor);
        while (Instant.now().isBefore(deadline)) {
            healthWhileAway.add(health());
            pause(Duration.ofMillis(500));
        }
        database.startAgain();
        Instant up = Instant.now();
        away.add(new Instant[] {down, up});
        // Awaited past the limit, so that a slow recovery is reported beside everything else the run found.
        Duration recovery = awaitCaughtUp(up.plus(RECOVERY_LIMIT.multipliedBy(4)));
        recoveries.add(recovery);
        timings.add(name + ": down " + Duration.between(down, up).toMillis() + " ms; healthy and caught up "
                + recovery.toMillis() + " ms after the database was back");
    }

    /** Health UP, then every projection RUNNING and at or past the head it reported then; answers how long it took. */
    private Duration awaitCaughtUp(Instant deadline) {
        Instant began = Instant.now();
        Duration limit = Duration.between(began, deadline);
        await("health UP").atMost(limit).pollInterval(Duration.ofMillis(200))
                .until(() -> health().status() == 200);
        long head = projections().findValues("headPosition").stream().mapToLong(JsonNode::asLong).max().orElse(0);
        await("every projection at event " + head).atMost(Duration.between(Instant.now(), deadline).plusMillis(1))
                .pollInterval(Duration.ofMillis(200)).until(() -> {
                    for (JsonNode projection : projections()) {
                        if (!projection.path("state").asText().equals("RUNNING") || projection.path("position").asLong() < head) {
                            return false;
                        }
                    }
                    return true;
                });
        return Duration.between(began, Instant.now());
    }

    private JsonNode projections() {
        Http.Response response = service.http().get("/admin/projections", tokens.admin(ADMIN));
        return response.status() == 200 ? response.json().path("items") : com.fasterxml.jackson.databind.node.MissingNode.getInstance();
    }

    private SteadyLoad.Answer health() {
        return SteadyLoad.answer("GET /actuator/health", () -> service.http().request("GET", "/actuator/health"));
    }

    private List<SteadyLoad.Answer> whileAway(List<SteadyLoad.Answer> answers) {
        return answers.stream().filter(answer -> away.stream()
                .anyMatch(window -> !answer.at().isBefore(window[0]) && answer.at().isBefore(window[1]))).toList();
    }

    private void assertFeedsAreDeclarativeAndHold(SoftAssertions softly, Set<String> acknowledged) throws SQLException {
        try (Connection sql = DriverManager.getConnection(database.jdbcUrl(), database.username(), database.password())) {
            Set<String> stored = strings(sql, "SELECT post_id::text FROM post_by_author", null);
            softly.assertThat(stored).as("acknowledged posts in source truth").containsAll(acknowledged);
            softly.assertThat(strings(sql, "SELECT text FROM post_by_author GROUP BY text HAVING count(*) > 1", null))
                    .as("posts published twice for one Idempotency-Key").isEmpty();
            List<String> differences = new ArrayList<>();
            for (long viewer : everyone()) {
                Set<String> expected = strings(sql, """
                        SELECT post_id::text FROM post_by_author
                        WHERE author_id = ? OR author_id IN (SELECT followee_id FROM following WHERE follower_id = ?)""", viewer);
                List<String> served = feed(viewer);
                if (served.size() != new HashSet<>(served).size() || !new TreeSet<>(served).equals(new TreeSet<>(expected))) {
                    Set<String> missing = new TreeSet<>(expected);
                    served.forEach(missing::remove);
                    differences.add("viewer " + viewer + ": " + served.size() + " served, " + expected.size()
                            + " expected, missing " + missing);
                }
            }
            softly.assertThat(differences).as("feeds that differ from the declarative feed").isEmpty();
        }
    }

    private List<Long> everyone() {
        List<Long> everyone = new ArrayList<>(AUTHORS);
        everyone.addAll(VIEWERS);
        return everyone;
    }

    private List<String> feed(long viewer) {
        List<String> ids = new ArrayList<>();
        String cursor = null;
        do {
            Http.Response page = service.http().get("/api/v1/feed?limit=100" + (cursor == null ? "" : "&cursor=" + cursor),
                    tokens.user(viewer));
            assertThat(page.status()).as(page.raw()).isEqualTo(200);
            page.json().path("items").forEach(item -> ids.add(item.path("postId").asText()));
            JsonNode next = page.json().path("nextCursor");
            cursor = next.isTextual() ? next.asText() : null;
        } while (cursor != null);
        return ids;
    }

    private void assertNoDeadLettersOrErrors() {
        for (JsonNode projection : projections()) {
            assertThat(projection.path("deadLetters").asLong()).as(projection.path("name") + " dead letters").isZero();
            assertThat(projection.path("error").isNull()).as(projection.path("name") + " error " + projection.path("error")).isTrue();
        }
    }

    private static Set<String> strings(Connection sql, String query, Long viewer) throws SQLException {
        try (PreparedStatement statement = sql.prepareStatement(query)) {
            if (viewer != null) {
                statement.setLong(1, viewer);
                statement.setLong(2, viewer);
            }
            Set<String> values = new HashSet<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    values.add(rows.getString(1));
                }
            }
            return values;
        }
    }

    private static long slowest(List<SteadyLoad.Answer> answers) {
        return answers.stream().mapToLong(SteadyLoad.Answer::millis).max().orElse(0);
    }

    private void copyLogToTarget() throws IOException {
        Path log = directory.resolve("service.log");
        if (Files.exists(log)) {
            Path target = Files.createDirectories(Path.of("target", "database-outage"));
            Files.copy(log, target.resolve("service.log"), StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
