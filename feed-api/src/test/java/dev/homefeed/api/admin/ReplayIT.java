package dev.homefeed.api.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.fasterxml.jackson.databind.JsonNode;
import dev.homefeed.api.support.AdminClient;
import dev.homefeed.api.support.FeedClient;
import dev.homefeed.api.support.FeedIntegrationTest;
import dev.homefeed.api.support.Http;
import dev.homefeed.api.support.Users;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A replay through the admin endpoint rebuilds each projection in place: when it has caught up, every table of the
 * projection holds exactly what it held before, on a history with follows, unfollows, refollows, deletes, edits,
 * expiring posts and markers.
 */
@FeedIntegrationTest(properties = {"feed.projections.status-refresh=50ms", "feed.instances.pause-patience=3s"})
class ReplayIT {

    private static final Map<String, List<String>> TABLES = Map.of(
            "home-feed", List.of(
                    "SELECT * FROM user_feed ORDER BY viewer_id, created_at, post_id",
                    "SELECT * FROM home_feed_viewer ORDER BY viewer_id",
                    "SELECT * FROM home_feed_post ORDER BY post_id",
                    "SELECT * FROM home_feed_follower ORDER BY followee_id, follower_id"),
            "read-marker", List.of("SELECT * FROM feed_cursor ORDER BY viewer_id"));

    @Autowired
    Environment environment;
    @Autowired
    JdbcClient jdbc;

    FeedClient api;
    AdminClient admin;

    @BeforeEach
    void setUp() {
        api = FeedClient.on(environment);
        admin = AdminClient.on(environment);
    }

    @Test
    void replayingEachProjectionRebuildsIdenticalTables() throws Exception {
        buildHistory();
        for (String projection : List.of("home-feed", "read-marker")) {
            admin.awaitCaughtUp(projection);
            List<List<Map<String, Object>>> before = contents(projection);
            assertThat(before.get(0)).isNotEmpty();

            Http.Response accepted = admin.replayResponse(projection);
            assertThat(accepted.status()).isEqualTo(202);
            assertThat(accepted.json().get("state").asText()).isEqualTo("REPLAYING");
            assertThat(accepted.json().get("replayProgress").asDouble()).isBetween(0.0, 1.0);

            admin.awaitCaughtUp(projection);
            // The windows a replay left waiting are written again once it has caught up.
            await("windows written again").atMost(AdminClient.PATIENCE).until(() ->
                    jdbc.sql("SELECT count(*) FROM home_feed_viewer WHERE floor_at = 'infinity'").query(Long.class).single() == 0);
            assertThat(contents(projection)).as(projection).isEqualTo(before);
        }
    }

    @Test
    void aSecondReplayRequestWhileOneRunsIsRefused() throws Exception {
        long author = Users.next();
        for (int i = 0; i < 300; i++) {
            api.publish(author, "post " + i);
        }
        admin.awaitCaughtUp("home-feed");
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Callable<Integer> replay = () -> admin.replayResponse("home-feed").status();
            List<Future<Integer>> racing = pool.invokeAll(List.of(replay, replay));
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> f : racing) {
                statuses.add(f.get());
            }
            assertThat(statuses).containsExactlyInAnyOrder(202, 409);
        } finally {
            pool.shutdownNow();
        }
        admin.awaitCaughtUp("home-feed");
    }

    @Test
    void aReplayIsRefusedWhileAnotherInstanceHoldsTheSegmentsPastThePause() {
        admin.awaitCaughtUp("read-marker");
        // A claim of an instance that does not follow the pause (not in feed_instance), as Axon's JPA token store
        // records it, renewed into the future: the replay waits feed.instances.pause-patience for it, then refuses.
        jdbc.sql("UPDATE token_entry SET owner = 'elsewhere@other-host', timestamp = :until WHERE processor_name = 'read-marker'")
                .param("until", Instant.now().plusSeconds(60).toString()).update();
        try {
            Http.Response refused = admin.replayResponse("read-marker");
            assertThat(refused.status()).isEqualTo(409);
            assertThat(refused.json().get("detail").asText()).contains("Another instance");
        } finally {
            jdbc.sql("UPDATE token_entry SET owner = NULL WHERE processor_name = 'read-marker'").update();
        }
        admin.awaitCaughtUp("read-marker");
    }

    @Test
    void unknownProjectionsAre404AndReplaysNeedTheAdminScope() {
        assertThat(admin.replayResponse("nope").status()).isEqualTo(404);
        assertThat(admin.get("/admin/projections/nope").status()).isEqualTo(404);
        assertThat(api.http().post("/admin/projections/home-feed/replay", api.token(Users.next()), "").status()).isEqualTo(403);
    }

    @Test
    void listsEveryProjectionWithItsFigures() {
        JsonNode items = admin.projections();
        List<String> names = new ArrayList<>();
        items.forEach(p -> names.add(p.get("name").asText()));
        assertThat(names).containsExactly("home-feed", "read-marker");
        for (JsonNode p : items) {
            for (String field : List.of("state", "position", "headPosition", "lagEvents", "lagMillis", "projectedThrough",
                    "replayProgress", "error", "deadLetters")) {
                assertThat(p.has(field)).as(field).isTrue();
            }
        }
    }

    private void buildHistory() {
        long[] users = new long[8];
        for (int i = 0; i < users.length; i++) {
            users[i] = Users.next();
            api.awaitWindow(users[i]);
        }
        Instant expiring = Instant.now().plusSeconds(2);
        List<String> posts = new ArrayList<>();
        for (int i = 0; i < users.length; i++) {
            for (int j = 0; j < 3; j++) {
                posts.add(j == 2 ? api.publish(users[i], "expiring " + i, expiring).get("postId").asText()
                        : api.publish(users[i], "post " + i + "-" + j));
            }
        }
        for (int i = 0; i < users.length; i++) {
            for (int j = 1; j <= 3; j++) {
                api.follow(users[i], users[(i + j) % users.length]);
            }
        }
        api.unfollow(users[0], users[1]);
        api.unfollow(users[2], users[3]);
        api.follow(users[2], users[3]);                                                     // refollow
        assertThat(api.edit(users[1], posts.get(3), "edited").status()).isEqualTo(200);
        assertThat(api.delete(users[2], posts.get(6)).status()).isEqualTo(204);
        api.follow(users[7], users[2]);                                                     // follow after the delete
        for (int i = 0; i < users.length; i++) {
            assertThat(api.moveMarker(users[i], posts.get(i)).status()).isEqualTo(200);
        }
        assertThat(api.moveMarker(users[0], posts.get(20)).status()).isEqualTo(200);
    }

    private List<List<Map<String, Object>>> contents(String projection) {
        return TABLES.get(projection).stream().map(sql -> jdbc.sql(sql).query().listOfRows()).toList();
    }
}
