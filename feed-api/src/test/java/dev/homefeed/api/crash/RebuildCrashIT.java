package dev.homefeed.api.crash;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import dev.homefeed.api.support.AdminClient;
import dev.homefeed.api.support.FeedClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
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

    private final Timeline timeline = new Timeline("rebuild-crash");
    private KillableService service;

    @BeforeEach
    void createDataDirectory() throws Exception {
        service = KillableService.onFreshDataDirectory("rebuild-crash", timeline);
    }

    @AfterEach
    void stop() throws Exception {
        service.close();
    }

    @Test
    void aRebuildKilledWhileBuildingResumesAfterTheRestartAndSwitchesToTheSameFeeds() throws Exception {
        Map<Long, List<String>> feeds = startWithHistory();
        AdminClient admin = service.admin();

        admin.rebuild("home-feed", "manual");
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(20)).until(() -> {
            JsonNode rebuild = admin.latestRebuild("home-feed").json();
            return rebuild.get("state").asText().equals("BUILDING") && rebuild.get("progress").asDouble() > 0.05;
        });
        double progressAtKill = admin.latestRebuild("home-feed").json().get("progress").asDouble();
        service.kill();
        timeline.note("killed at rebuild progress " + progressAtKill);

        service.start("restart with the rebuild building");
        assertThat(feeds()).as("serving feeds right after the restart").isEqualTo(feeds);
        JsonNode ready = service.admin().awaitRebuild("home-feed", "READY", PATIENCE);
        assertThat(ready.get("comparison").get("viewersDiffering").asLong()).as(ready.toString()).isZero();
        assertThat(ready.get("comparison").get("viewers").asLong()).isEqualTo(USERS);
        assertThat(service.logLines("resumes building generation")).isNotEmpty();

        assertThat(service.admin().cutover("home-feed").status()).isEqualTo(200);
        assertThat(feeds()).as("feeds after the switch").isEqualTo(feeds);
    }

    /**
     * The switch is one transaction; to kill the service inside it, a reader holds {@code user_feed} open, so the
     * switch waits in the middle (its generations locked, the view about to be replaced) until the kill. After the
     * restart nothing of it remains: generation 1 serves, generation 2 is whole and still READY, and a second cutover
     * switches to the same feeds.
     */
    @Test
    void aSwitchKilledHalfWayLeavesBothGenerationsWholeAndTheRebuildReadyToSwitchAgain() throws Exception {
        Map<Long, List<String>> feeds = startWithHistory();
        AdminClient admin = service.admin();
        admin.rebuild("home-feed", "manual");
        admin.awaitRebuild("home-feed", "READY", PATIENCE);
        long servingRows = service.count("SELECT count(*) FROM home_feed_g1.user_feed");
        long rebuiltRows = service.count("SELECT count(*) FROM home_feed_g2.user_feed");

        Thread cutover;
        try (Connection reader = service.connect()) {
            reader.setAutoCommit(false);
            try (Statement statement = reader.createStatement()) {
                statement.executeQuery("SELECT 1 FROM user_feed LIMIT 1").close();
            }
            cutover = new Thread(() -> {
                try {
                    admin.cutover("home-feed");
                } catch (AssertionError killedMidRequest) {
                    // expected: the service dies while the request waits
                }
            });
            cutover.start();
            await("the switch waiting on the reader's lock").atMost(PATIENCE).until(() -> service.count(
                    "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE 'LOCK TABLE%'") == 1);
            service.kill();
            reader.rollback();
        }
        cutover.join();

        service.start("restart after a switch killed half-way");
        AdminClient restarted = service.admin();
        assertThat(restarted.generation("home-feed")).as("the serving generation after a switch killed half-way").isEqualTo(1);
        assertThat(restarted.awaitRebuild("home-feed", "READY", PATIENCE).get("generation").asInt()).isEqualTo(2);
        assertThat(service.count("SELECT count(*) FROM home_feed_g1.user_feed")).isEqualTo(servingRows);
        assertThat(service.count("SELECT count(*) FROM home_feed_g2.user_feed")).isEqualTo(rebuiltRows);
        assertThat(feeds()).as("serving feeds right after the restart").isEqualTo(feeds);

        assertThat(restarted.cutover("home-feed").status()).isEqualTo(200);
        assertThat(restarted.generation("home-feed")).isEqualTo(2);
        assertThat(feeds()).as("feeds after the second cutover").isEqualTo(feeds);
    }

    /** The packaged service on a fresh data directory, with a follow graph and posts projected and caught up. */
    private Map<Long, List<String>> startWithHistory() throws Exception {
        service.start("first start");
        FeedClient api = service.feed();
        // Readers, so that each generation keeps their windows and the comparison covers every one of them.
        for (long user = 1; user <= USERS; user++) {
            api.awaitWindow(user);
        }
        for (long user = 1; user <= USERS; user++) {
            for (long followee : List.of(user % USERS + 1, (user + 1) % USERS + 1)) {
                api.follow(user, followee);
            }
            for (int i = 0; i < POSTS_PER_USER; i++) {
                api.publish(user, "post " + i);
            }
        }
        service.admin().awaitCaughtUp("home-feed", PATIENCE);
        return feeds();
    }

    private Map<Long, List<String>> feeds() {
        FeedClient api = service.feed();
        Map<Long, List<String>> feeds = new HashMap<>();
        for (long user = 1; user <= USERS; user++) {
            feeds.put(user, api.feedIds(user));
        }
        return feeds;
    }
}
