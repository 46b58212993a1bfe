package dev.homefeed.api.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import dev.homefeed.api.support.FeedIntegrationTest;
import dev.homefeed.api.support.Http;
import dev.homefeed.api.support.Users;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Rebuilding without downtime: a new generation is filled by its own processor from the first event while the
 * serving one answers and follows new events, the two are compared at one position, and readers switch atomically.
 */
@FeedIntegrationTest(properties = {"feed.projections.status-refresh=50ms", "feed.projections.rebuild-interval=100ms"})
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BlueGreenRebuildIT {

    static final Duration PATIENCE = Duration.ofSeconds(60);

    @Autowired
    FeedKit kit;
    @Autowired
    JdbcClient jdbc;

    FeedClient api;
    Http http;
    String admin;
    final FeedModel model = new FeedModel();
    final List<Long> users = new ArrayList<>();

    @BeforeEach
    void setUp() {
        api = kit.api();
        http = kit.http();
        admin = kit.tokens().admin(Users.next());
        for (int i = 0; i < 6; i++) {
            long user = Users.next();
            users.add(user);
            model.published(api.publish(user, "first post of " + user), user);
        }
        for (int i = 0; i < users.size(); i++) {
            follow(users.get(i), users.get((i + 1) % users.size()));
            follow(users.get(i), users.get((i + 2) % users.size()));
        }
        String edited = api.publish(users.get(0), "to be edited");
        model.published(edited, users.get(0));
        api.edit(users.get(0), edited, "edited before the rebuild");
        String deleted = api.publish(users.get(1), "to be deleted");
        api.delete(users.get(1), deleted);
        kit.projection().awaitCaughtUp();
    }

    @Test
    @Order(1)
    void aRebuildUnderLiveReadsAndWritesSwitchesItselfAndRollsBackWithoutLosingAWrite() throws Exception {
        int before = servingGeneration("home-feed");
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicInteger emptyReads = new AtomicInteger();
        AtomicInteger failedReads = new AtomicInteger();
        Thread writer = new Thread(() -> {
            while (running.get()) {
                long author = users.get(ThreadLocalRandom.current().nextInt(users.size()));
                model.published(api.publish(author, "during the rebuild"), author);
                sleep(15);
            }
        });
        Thread reader = new Thread(() -> {
            while (running.get()) {
                Http.Response page = api.pageResponse(users.get(2), 20, null);
                if (page.status() != 200) {
                    failedReads.incrementAndGet();
                } else if (page.json().get("items").isEmpty()) {
                    emptyReads.incrementAndGet();
                }
            }
        });
        writer.start();
        reader.start();

        JsonNode started = http.post("/admin/projections/home-feed/rebuild", admin, "{}").json();
        assertThat(started.get("state").asText()).isEqualTo("BUILDING");
        assertThat(started.get("generation").asInt()).isEqualTo(before + 1);
        JsonNode switched = awaitRebuild("home-feed", "SWITCHED");

        running.set(false);
        writer.join();
        reader.join();
        assertThat(failedReads).as("feed reads that failed during the rebuild").hasValue(0);
        assertThat(emptyReads).as("feed reads that came back empty during the rebuild").hasValue(0);
        assertThat(switched.get("comparison").get("viewersDiffering").asLong()).isZero();
        assertThat(switched.get("comparison").get("viewers").asLong()).isGreaterThanOrEqualTo(users.size());
        assertThat(servingGeneration("home-feed")).isEqualTo(before + 1);
        assertThat(viewDefinition("user_feed")).contains("home_feed_g" + (before + 1));
        kit.projection().awaitCaughtUp();
        assertFeedsAreTheModel();

        long author = users.get(3);
        model.published(api.publish(author, "after the switch"), author);
        kit.projection().awaitCaughtUp();
        JsonNode rolledBack = http.post("/admin/projections/home-feed/rollback", admin, "").json();
        assertThat(rolledBack.get("generation").asInt()).isEqualTo(before);
        assertThat(viewDefinition("user_feed")).contains("home_feed_g" + before);
        assertFeedsAreTheModel();
        assertThat(http.post("/admin/projections/home-feed/rollback", admin, "").status()).isEqualTo(409);
        assertThat(schemaExists("home_feed_g" + (before + 1))).isFalse();
    }

    @Test
    @Order(2)
    void rowsDamagedInTheServingGenerationAreFoundAndHoldBackTheAutomaticCutover() {
        int serving = servingGeneration("home-feed");
        long robbed = users.get(0);
        long tampered = users.get(1);
        jdbc.sql("DELETE FROM home_feed_g" + serving + ".user_feed WHERE viewer_id = :viewer").param("viewer", robbed).update();
        jdbc.sql("UPDATE home_feed_g" + serving + ".user_feed SET post_preview = 'tampered' WHERE viewer_id = :viewer")
                .param("viewer", tampered).update();
        // A follower list the feed's reads and backfills depend on, damaged without touching any feed row.
        int followerRowsLost = jdbc.sql("DELETE FROM home_feed_g" + serving + ".home_feed_follower WHERE follower_id = :viewer")
                .param("viewer", users.get(2)).update();

        assertThat(http.post("/admin/projections/home-feed/rebuild", admin, "{\"cutover\": \"auto\"}").status()).isEqualTo(202);
        JsonNode ready = awaitRebuild("home-feed", "READY");

        JsonNode comparison = ready.get("comparison");
        assertThat(comparison.get("viewersDiffering").asLong()).isEqualTo(2);
        assertThat(comparison.get("rowsOnlyRebuilt").asLong()).isEqualTo(model.feed(robbed).size());
        assertThat(comparison.get("rowsChanged").asLong()).isEqualTo(model.feed(tampered).size());
        assertThat(comparison.get("rowsOnlyServing").asLong()).isZero();
        assertThat(comparison.get("supportRowsDiffering").asLong()).isEqualTo(followerRowsLost).isEqualTo(2);
        List<String> sampled = new ArrayList<>();
        comparison.get("sample").forEach(v -> sampled.add(v.get("viewerId").asText()));
        assertThat(sampled).containsExactlyInAnyOrder(Long.toString(robbed), Long.toString(tampered));
        assertThat(servingGeneration("home-feed")).as("no automatic switch after differences").isEqualTo(serving);

        JsonNode switched = http.post("/admin/projections/home-feed/rebuild/cutover", admin, "").json();
        assertThat(switched.get("state").asText()).isEqualTo("SWITCHED");
        assertThat(servingGeneration("home-feed")).isEqualTo(ready.get("generation").asInt());
        assertFeedsAreTheModel();
    }

    @Test
    @Order(3)
    void aManualRebuildWaitsForItsCutoverAndAnAbandonedOneLeavesServingAsItWas() {
        int serving = servingGeneration("home-feed");
        JsonNode started = http.post("/admin/projections/home-feed/rebuild", admin, "{\"cutover\": \"manual\"}").json();
        assertThat(http.post("/admin/projections/home-feed/rebuild", admin, "{}").status()).as("a second rebuild").isEqualTo(409);
        assertThat(http.post("/admin/projections/home-feed/replay", admin, "").status()).as("a replay meanwhile").isEqualTo(409);
        JsonNode ready = awaitRebuild("home-feed", "READY");
        assertThat(ready.get("comparison").get("viewersDiffering").asLong()).isZero();
        assertThat(servingGeneration("home-feed")).isEqualTo(serving);

        assertThat(http.delete("/admin/projections/home-feed/rebuild", admin).status()).isEqualTo(204);

        assertThat(http.get("/admin/projections/home-feed/rebuild", admin).json().get("state").asText()).isEqualTo("ABANDONED");
        assertThat(schemaExists("home_feed_g" + started.get("generation").asInt())).isFalse();
        assertThat(servingGeneration("home-feed")).isEqualTo(serving);
        assertThat(http.post("/admin/projections/home-feed/rebuild/cutover", admin, "").status()).isEqualTo(409);
        assertFeedsAreTheModel();
    }

    @Test
    @Order(4)
    void theReadMarkerIsRebuiltToTheSameMarkers() {
        long viewer = users.get(4);
        String seen = model.feed(viewer).get(0);
        JsonNode moved = http.request("PUT", "/api/v1/feed/cursor").token(kit.tokens().user(viewer))
                .json("{\"lastSeenPostId\": \"" + seen + "\"}").send().json();
        assertThat(http.post("/admin/projections/read-marker/rollback", admin, "").status()).as("nothing retained yet").isEqualTo(409);
        int before = servingGeneration("read-marker");

        http.post("/admin/projections/read-marker/rebuild", admin, "");
        awaitRebuild("read-marker", "SWITCHED");

        assertThat(servingGeneration("read-marker")).isEqualTo(before + 1);
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(
                http.get("/api/v1/feed/cursor", kit.tokens().user(viewer)).json()).isEqualTo(moved));
    }

    @Test
    @Order(5)
    void badRebuildRequestsAreProblemsAndChangeNothing() {
        assertThat(http.post("/admin/projections/nope/rebuild", admin, "").status()).isEqualTo(404);
        assertThat(http.get("/admin/projections/nope/rebuild", admin).status()).isEqualTo(404);
        assertThat(http.post("/admin/projections/nope/rollback", admin, "").status()).isEqualTo(404);
        Http.Response badCutover = http.post("/admin/projections/home-feed/rebuild", admin, "{\"cutover\": \"soon\"}");
        assertThat(badCutover.status()).isEqualTo(400);
        assertThat(badCutover.json().get("errors").get(0).get("field").asText()).isEqualTo("cutover");
        assertThat(http.post("/admin/projections/home-feed/rebuild/cutover", admin, "").status()).isEqualTo(409);
        assertThat(http.post("/admin/projections/home-feed/rebuild", kit.tokens().user(users.get(0)), "").status())
                .as("without the admin scope").isEqualTo(403);
        assertThat(http.get("/admin/projections/home-feed/rebuild", admin).json().get("state").asText()).isEqualTo("ABANDONED");
    }

    @Test
    @Order(6)
    void aPoisonEventInTheRebuiltGenerationIsDeadLetteredAndHoldsBackTheCutoverWhileServingGoesOn() {
        jdbc.sql("""
                ALTER TABLE home_feed_template.user_feed ADD CONSTRAINT no_poison
                CHECK (post_preview IS NULL OR post_preview NOT LIKE '%poison%')""").update();
        try {
            long author = users.get(0);
            model.published(api.publish(author, "a poison pill"), author);
            kit.projection().awaitCaughtUp();
            int serving = servingGeneration("home-feed");

            http.post("/admin/projections/home-feed/rebuild", admin, "{\"cutover\": \"auto\"}");
            JsonNode ready = awaitRebuild("home-feed", "READY");

            assertThat(ready.get("comparison").get("rowsOnlyServing").asLong()).as("the pill's rows, missing from the rebuilt generation")
                    .isEqualTo(3);
            assertThat(jdbc.sql("SELECT count(*) FROM dead_letter_entry WHERE processing_group = 'home-feed-rebuild'")
                    .query(Long.class).single()).isEqualTo(1);
            assertThat(servingGeneration("home-feed")).isEqualTo(serving);
            assertFeedsAreTheModel();
            assertThat(http.delete("/admin/projections/home-feed/rebuild", admin).status()).isEqualTo(204);
        } finally {
            jdbc.sql("ALTER TABLE home_feed_template.user_feed DROP CONSTRAINT IF EXISTS no_poison").update();
        }
    }

    private void follow(long follower, long followee) {
        api.follow(follower, followee);
        model.followed(follower, followee);
    }

    private void assertFeedsAreTheModel() {
        await().atMost(PATIENCE).untilAsserted(() -> {
            for (long viewer : users) {
                assertThat(api.feedIds(viewer)).as("feed of " + viewer).isEqualTo(model.feed(viewer));
            }
        });
    }

    private JsonNode awaitRebuild(String projection, String state) {
        JsonNode[] last = new JsonNode[1];
        await().atMost(PATIENCE).untilAsserted(() -> {
            last[0] = http.get("/admin/projections/" + projection + "/rebuild", admin).json();
            assertThat(last[0].get("state").asText()).as(last[0].toString()).isEqualTo(state);
        });
        return last[0];
    }

    private int servingGeneration(String projection) {
        return http.get("/admin/projections/" + projection, admin).json().get("generation").asInt();
    }

    private String viewDefinition(String view) {
        return jdbc.sql("SELECT definition FROM pg_views WHERE schemaname = 'public' AND viewname = :view")
                .param("view", view).query(String.class).single();
    }

    private boolean schemaExists(String schema) {
        return jdbc.sql("SELECT to_regnamespace(:schema) IS NOT NULL").param("schema", schema).query(Boolean.class).single();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
