package dev.homefeed.api.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.LongStream;

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
 * The reconciliation endpoint as the contract defines it: the report's shape, a repair on request, the mismatch
 * metric and the problem documents of bad requests. What counts as differing, and the repair itself, is feed-query's
 * {@code HomeFeedReconciliationIT}.
 */
@FeedIntegrationTest
class ReconciliationApiIT {

    @Autowired
    Environment environment;
    @Autowired
    JdbcClient jdbc;

    FeedClient api;
    AdminClient admin;
    long viewer;

    @BeforeEach
    void aViewerFollowingAnAuthor() {
        api = FeedClient.on(environment);
        admin = AdminClient.on(environment);
        long author = Users.next();
        viewer = Users.next();
        // A reader, so that the serving generation keeps their window.
        api.awaitWindow(viewer);
        api.follow(viewer, author);
        api.publish(author, "one");
        api.publish(author, "two");
        api.publish(viewer, "mine");
        admin.awaitCaughtUp("home-feed");
    }

    @Test
    void aReportNamesTheDifferingViewerAndARepairMakesTheirFeedWhole() {
        List<String> feed = api.feedIds(viewer);
        assertThat(feed).hasSize(3);
        // Damage no event could cause, straight in the serving generation's table.
        jdbc.sql("DELETE FROM home_feed_g" + admin.generation("home-feed") + ".user_feed WHERE viewer_id = :viewer")
                .param("viewer", viewer).update();

        JsonNode report = reconcile("{\"viewerIds\": [\"" + viewer + "\"]}");

        assertThat(report.get("position").isNumber()).isTrue();
        assertThat(report.get("checked").asInt()).isEqualTo(1);
        assertThat(report.get("differing").asInt()).isEqualTo(1);
        assertThat(report.get("repaired").asInt()).isZero();
        JsonNode differing = report.get("viewers").get(0);
        assertThat(differing.get("viewerId").isTextual()).isTrue();
        assertThat(differing.get("viewerId").asText()).isEqualTo(Long.toString(viewer));
        assertThat(differing.get("missing").asLong()).isEqualTo(3);
        assertThat(differing.get("extra").asLong()).isZero();
        assertThat(differing.get("changed").asLong()).isZero();
        assertThat(differing.get("repaired").asBoolean()).isFalse();
        assertThat(api.feedIds(viewer)).as("a report without repair changes nothing").isEmpty();

        JsonNode repaired = reconcile("{\"viewerIds\": [\"" + viewer + "\"], \"repair\": true}");

        assertThat(repaired.get("repaired").asInt()).isEqualTo(1);
        assertThat(repaired.get("viewers").get(0).get("repaired").asBoolean()).isTrue();
        assertThat(api.feedIds(viewer)).isEqualTo(feed);
        assertThat(admin.get("/actuator/prometheus").raw())
                .containsPattern("feed_projection_reconciliation_mismatches_total\\{instance=\"[^\"]+\",projection=\"home-feed\"} [1-9]");
    }

    @Test
    void aSampleSaysHowManyViewersItCheckedAndListsOnlyTheDifferingOnes() {
        JsonNode report = reconcile("{\"sample\": 5}");

        assertThat(report.get("checked").asInt()).isBetween(1, 5);
        assertThat(report.get("viewers").isArray()).isTrue();
        assertThat(report.get("viewers")).hasSize(report.get("differing").asInt());
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
        assertInvalid("");
        assertThat(admin.reconcile("read-marker", "{\"sample\": 1}").status()).as("not reconcilable").isEqualTo(404);
        assertThat(admin.reconcile("nope", "{\"sample\": 1}").status()).isEqualTo(404);
        assertThat(admin.http().post("/admin/projections/home-feed/reconciliations", api.token(viewer), "{\"sample\": 1}").status())
                .as("without the admin scope").isEqualTo(403);
    }

    private void assertInvalid(String body) {
        Http.Response response = admin.reconcile("home-feed", body);
        assertThat(response.status()).as(body.length() > 80 ? body.substring(0, 80) : body).isEqualTo(400);
        assertThat(response.contentType()).startsWith("application/problem+json");
    }

    private JsonNode reconcile(String body) {
        Http.Response response = admin.reconcile("home-feed", body);
        assertThat(response.status()).as(response.raw()).isEqualTo(200);
        return response.json();
    }
}
