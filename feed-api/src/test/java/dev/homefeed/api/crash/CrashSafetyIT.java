package dev.homefeed.api.crash;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import dev.homefeed.api.support.Http;
import dev.homefeed.api.support.ServiceProcess;
import dev.homefeed.postgres.testing.TestRun;
import dev.homefeed.api.support.Tokens;
import dev.homefeed.api.secrets.PersistentSecrets;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Crash safety of the packaged service, run as a real process: SIGKILL while posts are being fanned out, and again
 * while a replay rebuilds the home feed. Each restart finds the killed service's PostgreSQL still running on the
 * data directory and must cope. Afterwards each projection holds exactly what a clean replay produces, every
 * acknowledged post is in its author's feed and its followers' feeds, and no row is missing or doubled.
 * <p>
 * Two oracles, independent of the projector's code: the test's own ledger of what the service acknowledged, and
 * the feed definition evaluated in SQL straight from the event store (every post in the store, acknowledged or
 * caught in flight by the kill).
 */
class CrashSafetyIT {

    private static final long ADMIN = 9_000;
    private static final int USERS = 30;
    /** Followed by every other user, so each of their posts fans out to the whole graph. */
    private static final long STAR = 1;
    private static final int FOLLOWEES = 10;
    private static final int WRITERS = 4;
    /** Acknowledged posts after which the service is killed in the middle of publishing. */
    private static final int POSTS_BEFORE_KILL = 300;
    /** Posts added before the second kill, so that a home-feed replay takes a few seconds. */
    private static final int POSTS_FOR_SLOW_REPLAY = 800;
    private static final List<String> PROJECTIONS = List.of("home-feed", "read-marker");
    private static final Map<String, String> TABLES = tables();

    private final Ledger ledger = new Ledger();
    private final Map<Long, String> tokens = new HashMap<>();
    private final List<String> timings = new ArrayList<>();
    private Path directory;
    private Path data;
    private Path jar;
    private ServiceProcess service;
    private int starts;
    private String admin;

    @BeforeEach
    void createDataDirectory() throws IOException {
        jar = ServiceProcess.packagedJar();
        // Under the test run's directory, so a killed test JVM's leftovers (PostgreSQL included) are cleared next run.
        directory = Files.createTempDirectory(TestRun.directory(), "crash-");
        // As root, PostgreSQL runs as 'nobody', which must be able to pass through.
        Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwxr-xr-x"));
        data = Files.createDirectory(directory.resolve("data"));
        Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    @AfterEach
    void stopEverythingAndDeleteTheDataDirectory() throws Exception {
        System.out.println("[crash-safety] timings:\n  " + String.join("\n  ", timings));
        try {
            if (service != null && service.isAlive()) {
                service.kill();
            }
            ServiceProcess.killProcessesIn(cluster());
            copyLogsToTarget();
        } finally {
            ServiceProcess.deleteTree(directory);
        }
    }

    @Test
    @Timeout(value = 10, unit = TimeUnit.MINUTES)
    void projectionsConvergeToACleanReplayAfterSigkillDuringFanOutAndDuringReplay() throws Exception {
        service = start("first start (cluster created)");
        admin = ServiceProcess.token(jar, data, "--user", Long.toString(ADMIN), "--admin");
        byte[] secret = new PersistentSecrets(data).loadOrCreate("jwt-secret").value().getBytes(StandardCharsets.UTF_8);
        for (long user = 1; user <= USERS; user++) {
            tokens.put(user, Tokens.sign(Map.of("sub", Long.toString(user)), Duration.ofHours(2), secret));
        }
        followGraph();

        // SIGKILL while writers publish at full speed and the home feed fans their posts out.
        long lagAtKill = killWhilePublishing();
        record("first SIGKILL after " + ledger.posts.size() + " acknowledged posts; home-feed lagged " + lagAtKill
                + " events just before it; in the orphaned database " + unprojectedEvents("home-feed")
                + " committed events are not yet projected");
        restartOverOrphanedPostgres();
        awaitCaughtUp("catch-up after the fan-out kill");
        Map<String, List<List<Object>>> afterCrash = verifyConverged("after SIGKILL during fan-out");

        // The converged tables are what a clean replay produces.
        long cleanReplay = System.nanoTime();
        for (String projection : PROJECTIONS) {
            assertThat(replay(projection).path("state").asText()).isEqualTo("REPLAYING");
        }
        awaitCaughtUp("clean replay of " + eventCount() + " events", cleanReplay);
        assertSameTables("clean replay vs. state after the fan-out kill", afterCrash, snapshot());

        // SIGKILL during a replay long enough to be caught in the middle.
        publish(POSTS_FOR_SLOW_REPLAY);
        awaitCaughtUp("catch-up after the bulk publish");
        Map<String, List<List<Object>>> beforeReplay = verifyConverged("before the interrupted replay");
        long replayStarted = System.nanoTime();
        // read-marker first: it replays in a blink, and home-feed's replay must not run on while its request is served.
        replay("read-marker");
        replay("home-feed");
        JsonNode midReplay = awaitReplayInProgress("home-feed");
        JsonNode freshness = http().get("/api/v1/feed", tokens.values().iterator().next()).json().path("freshness");
        assertThat(freshness.path("replaying").asBoolean()).as("feed freshness while home-feed replays").isTrue();
        assertThat(service.kill()).as("exit status of SIGKILL").isEqualTo(ServiceProcess.SIGKILL_EXIT);
        record("second SIGKILL " + millisSince(replayStarted) + " ms into a replay of " + eventCount()
                + " events, home-feed replayProgress " + midReplay.path("replayProgress").asDouble());
        assertReplayWasInterrupted(beforeReplay);
        restartOverOrphanedPostgres();
        JsonNode resumed = projection("home-feed");
        record("after the restart home-feed is " + resumed.path("state").asText() + " at replayProgress "
                + resumed.path("replayProgress"));
        if (resumed.path("state").asText().equals("REPLAYING")) {
            // Resumed from the stored replay tokens, not reset and started over.
            assertThat(resumed.path("replayProgress").asDouble()).as("replayProgress after the restart")
                    .isGreaterThanOrEqualTo(midReplay.path("replayProgress").asDouble());
        }
        awaitCaughtUp("resumed replay");
        assertSameTables("resumed replay vs. state before the replay", beforeReplay, snapshot());
        verifyConverged("after the resumed replay");

        stopCleanly();
    }

    // ---------------------------------------------------------------------------------------------- the scenario

    private void followGraph() throws Exception {
        Set<Follow> graph = new LinkedHashSet<>();
        for (long user = 1; user <= USERS; user++) {
            for (int k = 1; k <= FOLLOWEES; k++) {
                graph.add(new Follow(user, (user - 1 + k) % USERS + 1));
            }
            if (user != STAR) {
                graph.add(new Follow(user, STAR));
            }
        }
        ExecutorService pool = Executors.newFixedThreadPool(WRITERS);
        try {
            Map<Follow, Future<Http.Response>> calls = new LinkedHashMap<>();
            for (Follow follow : graph) {
                calls.put(follow, pool.submit(() -> http().put("/api/v1/following/" + follow.followee(), tokens.get(follow.follower()))));
            }
            for (Map.Entry<Follow, Future<Http.Response>> call : calls.entrySet()) {
                Http.Response response = call.getValue().get();
                assertThat(response.status()).as("PUT following for " + call.getKey() + ": " + response.raw()).isEqualTo(204);
            }
        } finally {
            pool.shutdownNow();
        }
        graph.forEach(follow -> ledger.follows.put(follow, true));
    }

    /** Starts the writers, kills the service once enough posts are acknowledged; returns home-feed's lag then. */
    private long killWhilePublishing() throws Exception {
        AtomicBoolean stop = new AtomicBoolean();
        ExecutorService writers = startWriters(Integer.MAX_VALUE, stop);
        long lag;
        try {
            await("acknowledged posts").atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(5))
                    .failFast("a write was answered unexpectedly", () -> !ledger.surprises.isEmpty())
                    .until(() -> ledger.posts.size() >= POSTS_BEFORE_KILL);
            // Kill at a moment the home feed is behind, so fan-out work is pending or in flight (on a machine so fast
            // that it never is, kill anyway: the oracles below hold either way).
            AtomicReference<Long> seen = new AtomicReference<>(0L);
            try {
                await("home-feed behind the writers").atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(5))
                        .until(() -> {
                            seen.set(projection("home-feed").path("lagEvents").asLong());
                            return seen.get() > 0;
                        });
            } catch (ConditionTimeoutException neverBehind) {
                record("home-feed kept up with the writers for 20 s; killing anyway");
            }
            lag = seen.get();
            // The writers keep going: the kill cuts their requests off mid-flight.
            ledger.killing = true;
            assertThat(service.kill()).as("exit status of SIGKILL").isEqualTo(ServiceProcess.SIGKILL_EXIT);
        } finally {
            stop.set(true);
            writers.shutdown();
        }
        assertThat(writers.awaitTermination(60, TimeUnit.SECONDS)).as("writers stopped after the kill").isTrue();
        ledger.killing = false;
        assertThat(ledger.surprises).as("unexpected answers while publishing").isEmpty();
        return lag;
    }

    private void publish(int posts) throws Exception {
        long began = System.nanoTime();
        int target = ledger.posts.size() + posts;
        ExecutorService writers = startWriters(target, new AtomicBoolean());
        writers.shutdown();
        assertThat(writers.awaitTermination(5, TimeUnit.MINUTES)).as("writers finished").isTrue();
        assertThat(ledger.surprises).as("unexpected answers while publishing").isEmpty();
        long millis = millisSince(began);
        record("published " + posts + " more posts (with edits, deletes, unfollows, refollows, markers) in " + millis
                + " ms, " + (posts * 1000L / Math.max(1, millis)) + " posts/s");
    }

    private ExecutorService startWriters(int targetPosts, AtomicBoolean stop) {
        ExecutorService writers = Executors.newFixedThreadPool(WRITERS);
        for (int i = 0; i < WRITERS; i++) {
            writers.execute(new Writer(i, targetPosts, stop, new Random(31L * starts + i)));
        }
        return writers;
    }

    private void restartOverOrphanedPostgres() throws Exception {
        Set<ProcessHandle> orphans = ServiceProcess.processesIn(cluster());
        assertThat(orphans).as("PostgreSQL processes the killed service left running on " + cluster()).isNotEmpty();
        service = start("restart over an orphaned PostgreSQL");
        assertThat(orphans).as("the orphaned PostgreSQL processes after the restart").noneMatch(ProcessHandle::isAlive);
        service.logLines("from an earlier run").forEach(line -> record("service log: " + line.strip()));
    }

    private ServiceProcess start(String what) throws IOException {
        long began = System.nanoTime();
        ServiceProcess started = ServiceProcess.start(jar, data, directory.resolve("service-" + ++starts + ".log"));
        service = started;
        started.awaitHealthy();
        record(what + ": healthy after " + millisSince(began) + " ms");
        return started;
    }

    private JsonNode replay(String projection) {
        Http.Response accepted = http().post("/admin/projections/" + projection + "/replay", admin, "");
        assertThat(accepted.status()).as("POST replay of " + projection + ": " + accepted.raw()).isEqualTo(202);
        return accepted.json();
    }

    private JsonNode awaitReplayInProgress(String projection) {
        AtomicReference<JsonNode> seen = new AtomicReference<>();
        await(projection + " replay in progress").atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(10))
                .failFast(projection + " finished replaying before the test could kill it: publish more history",
                        () -> seen.get() != null && seen.get().path("state").asText().equals("RUNNING"))
                .until(() -> {
                    JsonNode p = projection(projection);
                    seen.set(p);
                    double progress = p.path("replayProgress").asDouble(-1);
                    // Past the follow graph at the start of the history, so posts are being fanned out again.
                    return p.path("state").asText().equals("REPLAYING") && progress >= 0.3 && progress < 0.9;
                });
        return seen.get();
    }

    /** Straight from the orphaned PostgreSQL: the kill left home-feed's replay half done, and its tokens say so. */
    private void assertReplayWasInterrupted(Map<String, List<List<Object>>> beforeReplay) throws SQLException {
        List<List<Object>> tokenTypes = query("SELECT segment, token_type FROM token_entry WHERE processor_name = 'home-feed'");
        assertThat(tokenTypes).as("home-feed tokens after the kill").anySatisfy(
                row -> assertThat(String.valueOf(row.get(1))).endsWith("ReplayToken"));
        long rows = (Long) query("SELECT count(*) FROM user_feed").get(0).get(0);
        record("at the second kill user_feed held " + rows + " of " + beforeReplay.get("user_feed").size()
                + " rows; home-feed tokens " + tokenTypes);
        assertThat(rows).as("user_feed rows left by the interrupted replay").isBetween(1L, beforeReplay.get("user_feed").size() - 1L);
    }

    private void awaitCaughtUp(String what) {
        awaitCaughtUp(what, System.nanoTime());
    }

    private void awaitCaughtUp(String what, long began) {
        AtomicReference<JsonNode> seen = new AtomicReference<>();
        try {
            await(what).atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(50)).until(() -> {
                JsonNode items = http().get("/admin/projections", admin).json().path("items");
                seen.set(items);
                for (JsonNode p : items) {
                    if (!p.path("state").asText().equals("RUNNING") || p.path("lagEvents").asLong() != 0) {
                        return false;
                    }
                }
                return items.size() == PROJECTIONS.size();
            });
        } catch (ConditionTimeoutException e) {
            throw new AssertionError(what + ": projections not caught up: " + seen.get() + "\n" + service.logTail(40), e);
        }
        record(what + ": caught up after " + millisSince(began) + " ms");
        for (JsonNode p : seen.get()) {
            assertThat(p.path("deadLetters").asLong()).as(p.path("name").asText() + " dead letters").isZero();
            assertThat(p.path("error").isNull()).as(p.path("name").asText() + " error: " + p.path("error")).isTrue();
        }
    }

    private void stopCleanly() throws Exception {
        long began = System.nanoTime();
        int exit = service.stop();
        record("SIGTERM: stopped after " + millisSince(began) + " ms with exit status " + exit);
        assertThat(exit).as("exit status after SIGTERM").isIn(0, ServiceProcess.SIGTERM_EXIT);
        assertThat(ServiceProcess.processesIn(cluster())).as("PostgreSQL processes left after a clean stop").isEmpty();
        assertThat(cluster().resolve("postmaster.pid")).as("postmaster.pid after a clean stop").doesNotExist();
    }

    // ------------------------------------------------------------------------------------------------ the checks

    /** Both oracles agree with the tables and nothing is doubled; returns the tables. */
    private Map<String, List<List<Object>>> verifyConverged(String when) throws SQLException {
        List<List<Object>> counts = query("SELECT count(*), count(DISTINCT (viewer_id, post_id)) FROM user_feed");
        assertThat(counts.get(0).get(0)).as(when + ": user_feed rows vs. distinct (viewer, post)").isEqualTo(counts.get(0).get(1));

        Set<Long> stored = new HashSet<>();
        query("SELECT substring(aggregate_identifier FROM 6)::bigint FROM domain_event_entry"
                + " WHERE payload_type LIKE '%.PostPublishedEvent'").forEach(row -> stored.add((Long) row.get(0)));
        assertThat(stored).as(when + ": acknowledged posts in the event store").containsAll(ledger.posts.keySet());

        List<List<Object>> eventStoreDiff = query(FEED_FROM_EVENT_STORE);
        assertThat(eventStoreDiff).as(when + ": user_feed vs. the feed definition evaluated on the event store"
                + " ([problem, viewer, post, author, text], at most 20)").isEmpty();

        assertThat(ledgerDifferences()).as(when + ": user_feed vs. the acknowledged writes (at most 20)").isEmpty();
        assertFeedsReadOverHttp(when);

        Map<String, List<List<Object>>> snapshot = snapshot();
        record(when + ": converged; " + snapshot.get("user_feed").size() + " feed rows for " + stored.size()
                + " posts in the event store, " + ledger.posts.size() + " acknowledged, " + ledger.deleted.size()
                + " deleted, " + ledger.edited.size() + " edited, " + ledger.uncertainPosts.size() + " + "
                + ledger.uncertainFollows.size() + " writes in doubt");
        return snapshot;
    }

    /** What the acknowledged writes imply for user_feed: present for the author and current followers, else absent. */
    private List<String> ledgerDifferences() throws SQLException {
        Map<Long, Map<Long, String>> feedRows = new HashMap<>();
        for (List<Object> row : query("SELECT post_id, viewer_id, post_preview FROM user_feed")) {
            feedRows.computeIfAbsent((Long) row.get(0), p -> new HashMap<>()).put((Long) row.get(1), (String) row.get(2));
        }
        List<String> problems = new ArrayList<>();
        ledger.posts.forEach((post, author) -> {
            if (ledger.uncertainPosts.contains(post)) {
                return;
            }
            Map<Long, String> rows = feedRows.getOrDefault(post, Map.of());
            if (ledger.deleted.contains(post)) {
                if (!rows.isEmpty()) {
                    problems.add("deleted post " + post + " still in the feeds of " + rows.keySet());
                }
                return;
            }
            for (long viewer = 1; viewer <= USERS; viewer++) {
                Follow follow = new Follow(viewer, author);
                if (viewer != author && ledger.uncertainFollows.contains(follow)) {
                    continue;
                }
                boolean expected = viewer == author || ledger.follows.getOrDefault(follow, false);
                if (expected != rows.containsKey(viewer)) {
                    problems.add("post " + post + " by " + author + (expected ? " missing from" : " wrongly in")
                            + " the feed of " + viewer);
                } else if (expected && ledger.edited.containsKey(post) && !ledger.edited.get(post).equals(rows.get(viewer))) {
                    problems.add("post " + post + " shows '" + rows.get(viewer) + "' to " + viewer + " after an edit");
                }
            }
        });
        return problems.subList(0, Math.min(20, problems.size()));
    }

    /** A few viewers read their whole feed through the API: the same posts as their user_feed rows, and fresh. */
    private void assertFeedsReadOverHttp(String when) throws SQLException {
        for (long viewer : List.of(STAR, 2L, (long) USERS)) {
            List<Long> read = new ArrayList<>();
            String cursor = null;
            do {
                String path = "/api/v1/feed?limit=100" + (cursor == null ? "" : "&cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8));
                Http.Response page = http().get(path, tokens.get(viewer));
                assertThat(page.status()).as(when + ": GET " + path).isEqualTo(200);
                page.json().path("items").forEach(item -> read.add(item.path("postId").asLong()));
                JsonNode freshness = page.json().path("freshness");
                assertThat(freshness.path("replaying").asBoolean()).as(when + ": feed replaying").isFalse();
                JsonNode next = page.json().path("nextCursor");
                cursor = next.isNull() || next.isMissingNode() ? null : next.asText();
            } while (cursor != null);
            List<Long> projected = query("SELECT post_id FROM user_feed WHERE viewer_id = " + viewer
                    + " ORDER BY created_at DESC, post_id DESC").stream().map(row -> (Long) row.get(0)).toList();
            assertThat(read).as(when + ": feed of " + viewer + " over HTTP").isEqualTo(projected);
        }
    }

    private static void assertSameTables(String what, Map<String, List<List<Object>>> expected,
                                         Map<String, List<List<Object>>> actual) {
        for (String table : TABLES.keySet()) {
            List<List<Object>> before = expected.get(table);
            List<List<Object>> after = actual.get(table);
            if (!before.equals(after)) {
                Set<List<Object>> missing = new LinkedHashSet<>(before);
                after.forEach(missing::remove);
                Set<List<Object>> extra = new LinkedHashSet<>(after);
                before.forEach(extra::remove);
                throw new AssertionError(what + ": " + table + " differs: " + before.size() + " rows expected, "
                        + after.size() + " found; missing " + missing.size() + " " + first(missing) + ", unexpected "
                        + extra.size() + " " + first(extra));
            }
        }
    }

    private static List<List<Object>> first(Set<List<Object>> rows) {
        return rows.stream().limit(10).toList();
    }

    // -------------------------------------------------------------------------------------------------- the ledger

    record Follow(long follower, long followee) {
    }

    /** What the service acknowledged. A write cut off by a kill is in doubt: the oracle skips what it touched. */
    static final class Ledger {
        final Map<Long, Long> posts = new ConcurrentHashMap<>();
        final Set<Long> deleted = ConcurrentHashMap.newKeySet();
        final Map<Long, String> edited = new ConcurrentHashMap<>();
        final Set<Long> uncertainPosts = ConcurrentHashMap.newKeySet();
        final Map<Follow, Boolean> follows = new ConcurrentHashMap<>();
        final Set<Follow> uncertainFollows = ConcurrentHashMap.newKeySet();
        final Queue<String> surprises = new ConcurrentLinkedQueue<>();
        volatile boolean killing;
    }

    /**
     * Publishes at full speed; every tenth request is something else: an unfollow, an edit, a refollow, a delete or
     * a read marker. Each writer only unfollows for its own viewers and edits or deletes its own posts, so no two
     * writers race on the same follow or post and the ledger knows each one's last acknowledged state.
     */
    private final class Writer implements Runnable {
        private final int index;
        private final int targetPosts;
        private final AtomicBoolean stop;
        private final Random random;
        private final Deque<Long> ownPosts = new ArrayDeque<>();
        private final Deque<Follow> unfollowed = new ArrayDeque<>();
        private Runnable inDoubt = () -> { };

        Writer(int index, int targetPosts, AtomicBoolean stop, Random random) {
            this.index = index;
            this.targetPosts = targetPosts;
            this.stop = stop;
            this.random = random;
        }

        @Override
        public void run() {
            try {
                for (int i = 1; !stop.get() && ledger.posts.size() < targetPosts; i++) {
                    inDoubt = () -> { };
                    if (i % 10 == 0) {
                        churn(i / 10);
                    } else {
                        publish();
                    }
                }
            } catch (AssertionError connectionLost) {
                // The Http helper reports an I/O failure as an AssertionError: the service is gone.
                inDoubt.run();
                if (!ledger.killing) {
                    ledger.surprises.add("request failed without a kill: " + connectionLost + " " + connectionLost.getCause());
                }
            } catch (RuntimeException e) {
                ledger.surprises.add(e.toString());
            }
        }

        private void publish() {
            long author = random.nextInt(4) == 0 ? STAR : 1 + random.nextInt(USERS);
            Http.Response response = http().post("/api/v1/posts", tokens.get(author),
                    "{\"text\": \"post " + random.nextInt(1_000_000) + " by " + author + "\"}");
            if (expect("publish", response, 201)) {
                long post = response.json().path("postId").asLong();
                ledger.posts.put(post, author);
                ownPosts.addLast(post);
            }
        }

        private void churn(int step) {
            switch (step % 5) {
                case 0 -> unfollow();
                case 1 -> edit();
                case 2 -> refollow();
                case 3 -> delete();
                default -> moveMarker();
            }
        }

        private void unfollow() {
            long viewer = index + 1 + WRITERS * (long) random.nextInt((USERS - index - 1) / WRITERS + 1);
            List<Follow> current = ledger.follows.entrySet().stream()
                    .filter(e -> e.getValue() && e.getKey().follower() == viewer && !ledger.uncertainFollows.contains(e.getKey()))
                    .map(Map.Entry::getKey).sorted(Comparator.comparingLong(Follow::followee)).toList();
            if (current.isEmpty()) {
                return;
            }
            Follow follow = current.get(random.nextInt(current.size()));
            inDoubt = () -> ledger.uncertainFollows.add(follow);
            if (expect("unfollow", http().delete("/api/v1/following/" + follow.followee(), tokens.get(viewer)), 204)) {
                ledger.follows.put(follow, false);
                unfollowed.addLast(follow);
            }
        }

        private void refollow() {
            Follow follow = unfollowed.pollFirst();
            if (follow == null) {
                return;
            }
            inDoubt = () -> ledger.uncertainFollows.add(follow);
            if (expect("refollow", http().put("/api/v1/following/" + follow.followee(), tokens.get(follow.follower())), 204)) {
                ledger.follows.put(follow, true);
            }
        }

        private void edit() {
            Long post = ownPosts.pollFirst();
            if (post == null) {
                return;
            }
            String text = "edited " + post;
            inDoubt = () -> ledger.uncertainPosts.add(post);
            if (expect("edit", http().patch("/api/v1/posts/" + post, tokens.get(ledger.posts.get(post)),
                    "{\"text\": \"" + text + "\"}"), 200)) {
                ledger.edited.put(post, text);
            }
        }

        private void delete() {
            Long post = ownPosts.pollFirst();
            if (post == null) {
                return;
            }
            inDoubt = () -> ledger.uncertainPosts.add(post);
            if (expect("delete", http().delete("/api/v1/posts/" + post, tokens.get(ledger.posts.get(post))), 204)) {
                ledger.deleted.add(post);
            }
        }

        private void moveMarker() {
            Long post = ownPosts.peekLast();
            if (post == null) {
                return;
            }
            long viewer = 1 + random.nextInt(USERS);
            expect("marker", http().request("PUT", "/api/v1/feed/cursor").token(tokens.get(viewer))
                    .json("{\"lastSeenPostId\": \"" + post + "\"}").send(), 200);
        }

        private boolean expect(String what, Http.Response response, int status) {
            if (response.status() == status) {
                return true;
            }
            ledger.surprises.add(what + ": " + response.status() + " " + response.raw());
            return false;
        }
    }

    // ------------------------------------------------------------------------------------------------ the database

    private static Map<String, String> tables() {
        Map<String, String> tables = new LinkedHashMap<>();
        tables.put("user_feed", "SELECT * FROM user_feed ORDER BY viewer_id, created_at, post_id");
        tables.put("home_feed_post", "SELECT * FROM home_feed_post ORDER BY post_id");
        tables.put("home_feed_follower", "SELECT * FROM home_feed_follower ORDER BY followee_id, follower_id");
        tables.put("feed_cursor", "SELECT * FROM feed_cursor ORDER BY viewer_id");
        return tables;
    }

    /**
     * The home feed's definition evaluated on the source of truth: for every post in the event store that was not
     * deleted, a row (with its latest text) for its author and for everyone whose last follow event on the author is
     * a follow. Returns the differences from user_feed, both ways.
     */
    private static final String FEED_FROM_EVENT_STORE = """
            WITH events AS (
                SELECT aggregate_identifier AS aggregate, sequence_number AS seq,
                       substring(payload_type FROM '[^.]+$') AS type, convert_from(payload, 'UTF8')::jsonb AS body
                FROM domain_event_entry
                WHERE aggregate_identifier LIKE 'post:%' OR aggregate_identifier LIKE 'follow:%'),
            published AS (
                SELECT aggregate, coalesce(body->'authorId'->>'value', body->>'authorId')::bigint AS author_id
                FROM events WHERE type = 'PostPublishedEvent'),
            latest_text AS (
                SELECT DISTINCT ON (aggregate) aggregate, body->>'text' AS text
                FROM events WHERE type IN ('PostPublishedEvent', 'PostEditedEvent')
                ORDER BY aggregate, seq DESC),
            live AS (
                SELECT substring(p.aggregate FROM 6)::bigint AS post_id, p.author_id, t.text
                FROM published p JOIN latest_text t USING (aggregate)
                WHERE NOT EXISTS (SELECT 1 FROM events d WHERE d.aggregate = p.aggregate AND d.type = 'PostDeletedEvent')),
            following AS (
                SELECT split_part(aggregate, ':', 2)::bigint AS follower_id, split_part(aggregate, ':', 3)::bigint AS followee_id
                FROM (SELECT DISTINCT ON (aggregate) aggregate, type FROM events WHERE aggregate LIKE 'follow:%'
                      ORDER BY aggregate, seq DESC) last_event
                WHERE type = 'UserFollowedEvent'),
            expected AS (
                SELECT author_id AS viewer_id, post_id, author_id, text FROM live
                UNION
                SELECT f.follower_id, l.post_id, l.author_id, l.text FROM live l JOIN following f ON f.followee_id = l.author_id),
            actual AS (SELECT viewer_id, post_id, author_id, post_preview AS text FROM user_feed)
            (SELECT 'missing' AS problem, * FROM (SELECT * FROM expected EXCEPT SELECT * FROM actual) m LIMIT 10)
            UNION ALL
            (SELECT 'unexpected', * FROM (SELECT * FROM actual EXCEPT SELECT * FROM expected) u LIMIT 10)""";

    private Map<String, List<List<Object>>> snapshot() throws SQLException {
        Map<String, List<List<Object>>> snapshot = new LinkedHashMap<>();
        for (Map.Entry<String, String> table : TABLES.entrySet()) {
            snapshot.put(table.getKey(), query(table.getValue()));
        }
        return snapshot;
    }

    /** Events in the store beyond the lowest segment token of a processor that is not replaying. */
    private long unprojectedEvents(String processor) throws SQLException {
        return (Long) query("SELECT (SELECT coalesce(max(global_index), 0) FROM domain_event_entry)"
                + " - min((convert_from(token, 'UTF8')::jsonb->>'index')::bigint) FROM token_entry"
                + " WHERE processor_name = '" + processor + "'").get(0).get(0);
    }

    private long eventCount() throws SQLException {
        return (Long) query("SELECT count(*) FROM domain_event_entry").get(0).get(0);
    }

    /** Connects the way an operator would: the port and password the service keeps in its data directory. */
    private List<List<Object>> query(String sql) throws SQLException {
        Path postgres = data.resolve("postgres");
        String url;
        String password;
        try {
            url = "jdbc:postgresql://127.0.0.1:" + Files.readString(postgres.resolve("port")).trim() + "/feed";
            password = Files.readString(postgres.resolve("password")).trim();
        } catch (IOException e) {
            throw new AssertionError("cannot read the database's port or password in " + postgres, e);
        }
        List<List<Object>> rows = new ArrayList<>();
        try (Connection connection = DriverManager.getConnection(url, "feed", password);
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

    // ---------------------------------------------------------------------------------------------------- plumbing

    private Http http() {
        return service.http();
    }

    private JsonNode projection(String name) {
        Http.Response response = http().get("/admin/projections/" + name, admin);
        assertThat(response.status()).as("GET projection " + name).isEqualTo(200);
        return response.json();
    }

    private Path cluster() {
        return data.resolve("postgres").resolve("cluster");
    }

    private void record(String line) {
        timings.add(line);
        System.out.println("[crash-safety] " + line);
    }

    private static long millisSince(long nanos) {
        return (System.nanoTime() - nanos) / 1_000_000;
    }

    /** Keeps the service logs next to the Failsafe reports: the data directory is deleted. */
    private void copyLogsToTarget() throws IOException {
        if (directory == null || !Files.isDirectory(directory)) {
            System.out.println("[crash-safety] no directory to copy logs from: " + directory);
            return;
        }
        Path target = Files.createDirectories(Path.of("target", "crash-safety-it"));
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
