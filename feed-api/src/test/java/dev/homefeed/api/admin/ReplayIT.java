package dev.homefeed.api.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.fasterxml.jackson.databind.JsonNode;
import dev.homefeed.api.support.FeedIntegrationTest;
import dev.homefeed.api.support.Http;
import dev.homefeed.api.support.Tokens;
import dev.homefeed.api.support.Users;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
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
                    "SELECT * FROM home_feed_post ORDER BY post_id",
                    "SELECT * FROM home_feed_follower ORDER BY followee_id, follower_id"),
            "read-marker", List.of("SELECT * FROM feed_cursor ORDER BY viewer_id"));

    @LocalServerPort
    int port;
    @Autowired
    Environment environment;
    @Autowired
    JdbcClient jdbc;

    Http http;
    Tokens tokens;
    String admin;

    @BeforeEach
    void setUp() {
        http = new Http(port);
        tokens = new Tokens(environment);
        admin = tokens.admin(Users.next());
    }

    @Test
    void replayingEachProjectionRebuildsIdenticalTables() throws Exception {
        buildHistory();
        for (String projection : List.of("home-feed", "read-marker")) {
            awaitCaughtUp(projection);
            List<List<Map<String, Object>>> before = contents(projection);
            assertThat(before.get(0)).isNotEmpty();

            Http.Response accepted = http.post("/admin/projections/" + projection + "/replay", admin, "");
            assertThat(accepted.status()).isEqualTo(202);
            assertThat(accepted.json().get("state").asText()).isEqualTo("REPLAYING");
            assertThat(accepted.json().get("replayProgress").asDouble()).isBetween(0.0, 1.0);

            awaitCaughtUp(projection);
            assertThat(contents(projection)).as(projection).isEqualTo(before);
        }
    }

    @Test
    void aSecondReplayRequestWhileOneRunsIsRefused() throws Exception {
        long author = Users.next();
        for (int i = 0; i < 300; i++) {
            http.post("/api/v1/posts", tokens.user(author), "{\"text\": \"post " + i + "\"}");
        }
        awaitCaughtUp("home-feed");
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Callable<Integer> replay = () -> http.post("/admin/projections/home-feed/replay", admin, "").status();
            List<Future<Integer>> racing = pool.invokeAll(List.of(replay, replay));
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> f : racing) {
                statuses.add(f.get());
            }
            assertThat(statuses).containsExactlyInAnyOrder(202, 409);
        } finally {
            pool.shutdownNow();
        }
        awaitCaughtUp("home-feed");
    }

    @Test
    void aReplayIsRefusedWhileAnotherInstanceHoldsTheSegmentsPastThePause() {
        awaitCaughtUp("read-marker");
        // A claim of an instance that does not follow the pause (not in feed_instance), as Axon's JPA token store
        // records it, renewed into the future: the replay waits feed.instances.pause-patience for it, then refuses.
        jdbc.sql("UPDATE token_entry SET owner = 'elsewhere@other-host', timestamp = :until WHERE processor_name = 'read-marker'")
                .param("until", Instant.now().plusSeconds(60).toString()).update();
        try {
            Http.Response refused = http.post("/admin/projections/read-marker/replay", admin, "");
            assertThat(refused.status()).isEqualTo(409);
            assertThat(refused.json().get("detail").asText()).contains("Another instance");
        } finally {
            jdbc.sql("UPDATE token_entry SET owner = NULL WHERE processor_name = 'read-marker'").update();
        }
        awaitCaughtUp("read-marker");
    }

    @Test
    void unknownProjectionsAre404AndReplaysNeedTheAdminScope() {
        assertThat(http.post("/admin/projections/nope/replay", admin, "").status()).isEqualTo(404);
        assertThat(http.get("/admin/projections/nope", admin).status()).isEqualTo(404);
        assertThat(http.post("/admin/projections/home-feed/replay", tokens.user(Users.next()), "").status()).isEqualTo(403);
    }

    @Test
    void listsEveryProjectionWithItsFigures() {
        JsonNode items = http.get("/admin/projections", admin).json().get("items");
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
        }
        String expiring = Instant.now().plusSeconds(2).toString();
        List<String> posts = new ArrayList<>();
        for (int i = 0; i < users.length; i++) {
            for (int j = 0; j < 3; j++) {
                String body = j == 2 ? "{\"text\": \"expiring " + i + "\", \"expiresAt\": \"" + expiring + "\"}"
                        : "{\"text\": \"post " + i + "-" + j + "\"}";
                posts.add(http.post("/api/v1/posts", tokens.user(users[i]), body).json().get("postId").asText());
            }
        }
        for (int i = 0; i < users.length; i++) {
            for (int j = 1; j <= 3; j++) {
                http.put("/api/v1/following/" + users[(i + j) % users.length], tokens.user(users[i]));
            }
        }
        http.delete("/api/v1/following/" + users[1], tokens.user(users[0]));               // unfollow
        http.delete("/api/v1/following/" + users[3], tokens.user(users[2]));
        http.put("/api/v1/following/" + users[3], tokens.user(users[2]));                   // refollow
        http.patch("/api/v1/posts/" + posts.get(3), tokens.user(users[1]), "{\"text\": \"edited\"}");
        http.delete("/api/v1/posts/" + posts.get(6), tokens.user(users[2]));                // delete
        http.put("/api/v1/following/" + users[2], tokens.user(users[7]));                   // follow after the delete
        for (int i = 0; i < users.length; i++) {
            http.request("PUT", "/api/v1/feed/cursor").token(tokens.user(users[i]))
                    .json("{\"lastSeenPostId\": \"" + posts.get(i) + "\"}").send();
        }
        http.request("PUT", "/api/v1/feed/cursor").token(tokens.user(users[0]))
                .json("{\"lastSeenPostId\": \"" + posts.get(20) + "\"}").send();
    }

    private void awaitCaughtUp(String projection) {
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            JsonNode p = http.get("/admin/projections/" + projection, admin).json();
            return p.get("state").asText().equals("RUNNING") && p.get("lagEvents").asLong() == 0;
        });
    }

    private List<List<Map<String, Object>>> contents(String projection) {
        return TABLES.get(projection).stream().map(sql -> jdbc.sql(sql).query().listOfRows()).toList();
    }
}
