package dev.homefeed.api.feed;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.LongStream;

import com.fasterxml.jackson.databind.JsonNode;
import dev.homefeed.api.support.FeedIntegrationTest;
import dev.homefeed.api.support.Http;
import dev.homefeed.api.support.Users;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Reconciliation checks viewers' feeds in the serving generation against the feed computed from source truth (the
 * command side's following and posts tables), reports what differs, and repairs it on request.
 */
@FeedIntegrationTest(properties = "feed.projections.status-refresh=50ms")
class ReconciliationIT {

    @Autowired
    FeedKit kit;
    @Autowired
    JdbcClient jdbc;

    FeedClient api;
    Http http;
    String admin;
    final FeedModel model = new FeedModel();
    final List<Long> users = new ArrayList<>();
    String strangersPost;

    @BeforeEach
    void setUp() {
        api = kit.api();
        http = kit.http();
        admin = kit.tokens().admin(Users.next());
        for (int i = 0; i < 4; i++) {
            long user = Users.next();
            users.add(user);
            model.published(api.publish(user, "post of " + user), user);
        }
        for (int i = 0; i < users.size(); i++) {
            api.follow(users.get(i), users.get((i + 1) % users.size()));
            model.followed(users.get(i), users.get((i + 1) % users.size()));
        }
        long stranger = Users.next();
        strangersPost = api.publish(stranger, "nobody here follows me");
        kit.projection().awaitCaughtUp();
    }

    @Test
    void damagedFeedsAreReportedWithoutChangeThenRepairedToTheDeclarativeFeed() {
        long robbed = users.get(0);
        long tampered = users.get(1);
        long padded = users.get(2);
        String g = "home_feed_g" + http.get("/admin/projections/home-feed", admin).json().get("generation").asInt();
        jdbc.sql("DELETE FROM " + g + ".user_feed WHERE viewer_id = :v").param("v", robbed).update();
        jdbc.sql("UPDATE " + g + ".user_feed SET post_preview = 'tampered' WHERE viewer_id = :v").param("v", tampered).update();
        jdbc.sql("INSERT INTO " + g + ".user_feed SELECT :v, post_id, author_id, post_preview, created_at, expires_at FROM "
                + g + ".user_feed WHERE post_id = :post LIMIT 1").param("v", padded).param("post", Long.parseLong(strangersPost)).update();

        JsonNode report = reconcile(users, false);

        assertThat(report.get("checked").asInt()).isEqualTo(4);
        assertThat(report.get("differing").asInt()).isEqualTo(3);
        assertThat(report.get("repaired").asInt()).isZero();
        assertThat(viewer(report, robbed).get("missing").asLong()).isEqualTo(model.feed(robbed).size());
        assertThat(viewer(report, tampered).get("changed").asLong()).isEqualTo(model.feed(tampered).size());
        assertThat(viewer(report, padded).get("extra").asLong()).isEqualTo(1);
        assertThat(api.feedIds(robbed)).as("a report changes nothing").isEmpty();

        JsonNode repaired = reconcile(users, true);

        assertThat(repaired.get("repaired").asInt()).isEqualTo(3);
        for (long user : users) {
            assertThat(api.feedIds(user)).as("feed of " + user).isEqualTo(model.feed(user));
        }
        assertThat(api.feed(tampered)).extracting(item -> item.get("text").asText()).doesNotContain("tampered");
        assertThat(reconcile(users, false).get("differing").asInt()).isZero();
        assertThat(http.get("/actuator/prometheus", admin).raw())
                .containsPattern("feed_projection_reconciliation_mismatches_total\\{instance=\"[^\"]+\",projection=\"home-feed\"} [3-9]");
    }

    @Test
    void aSampleIsDrawnFromSourceTruthAndFindsSoundFeedsSound() {
        JsonNode report = http.post("/admin/projections/home-feed/reconciliations", admin, "{\"sample\": 1000}").json();

        assertThat(report.get("checked").asInt()).isGreaterThanOrEqualTo(users.size());
        assertThat(report.get("differing").asInt()).isZero();
        assertThat(report.get("viewers")).isEmpty();
    }

    @Test
    void badReconciliationRequestsAreProblems() {
        String tooMany = LongStream.rangeClosed(1, 1001).mapToObj(id -> "\"" + id + "\"").collect(Collectors.joining(","));
        assertInvalid("{\"viewerIds\": [" + tooMany + "]}");
        assertInvalid("{\"viewerIds\": [\"abc\"]}");
        assertInvalid("{\"viewerIds\": [\"007\"]}");
        assertInvalid("{\"sample\": 0}");
        assertInvalid("{\"sample\": -3}");
        assertInvalid("{\"sample\": 5, \"viewerIds\": [\"1\"]}");
        assertInvalid("{}");
        assertThat(http.post("/admin/projections/read-marker/reconciliations", admin, "{\"sample\": 1}").status()).isEqualTo(404);
        assertThat(http.post("/admin/projections/nope/reconciliations", admin, "{\"sample\": 1}").status()).isEqualTo(404);
    }

    private void assertInvalid(String body) {
        Http.Response response = http.post("/admin/projections/home-feed/reconciliations", admin, body);
        assertThat(response.status()).as(body.length() > 80 ? body.substring(0, 80) : body).isEqualTo(400);
        assertThat(response.contentType()).startsWith("application/problem+json");
    }

    private JsonNode reconcile(List<Long> viewers, boolean repair) {
        String ids = viewers.stream().map(id -> "\"" + id + "\"").collect(Collectors.joining(","));
        Http.Response response = http.post("/admin/projections/home-feed/reconciliations", admin,
                "{\"viewerIds\": [" + ids + "], \"repair\": " + repair + "}");
        assertThat(response.status()).as(response.raw()).isEqualTo(200);
        return response.json();
    }

    private static JsonNode viewer(JsonNode report, long viewer) {
        for (JsonNode v : report.get("viewers")) {
            if (v.get("viewerId").asText().equals(Long.toString(viewer))) {
                return v;
            }
        }
        throw new AssertionError("viewer " + viewer + " not reported in " + report);
    }
}
