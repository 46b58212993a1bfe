package dev.homefeed.api.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import dev.homefeed.api.support.AdminClient;
import dev.homefeed.api.support.FeedClient;
import dev.homefeed.api.support.FeedIntegrationTest;
import dev.homefeed.api.support.Http;
import dev.homefeed.api.support.Users;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;

/**
 * The rebuild endpoints as the contract's rebuild section defines them: what each answers, with which status, and
 * the problem documents of the refusals. How a rebuild fills, compares and switches is feed-query's
 * {@code BlueGreenRebuildIT}.
 */
@FeedIntegrationTest
class RebuildApiIT {

    private static final String TIMESTAMP = "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z";

    @Autowired
    Environment environment;

    FeedClient api;
    AdminClient admin;
    long viewer;

    @BeforeEach
    void aViewerWithAFeed() {
        api = FeedClient.on(environment);
        admin = AdminClient.on(environment);
        long author = Users.next();
        viewer = Users.next();
        api.follow(viewer, author);
        api.publish(author, "worth rebuilding");
        api.publish(viewer, "and my own");
        admin.awaitCaughtUp("home-feed");
    }

    /** The application context is shared with other ITs: no rebuild outlives its test. */
    @AfterEach
    void abandonARebuildLeftRunning() {
        admin.abandonRebuildLeftRunning("home-feed");
    }

    @Test
    void aRebuildIsStartedWatchedSwitchedAndRolledBack() {
        int serving = admin.generation("home-feed");
        List<String> feed = api.feedIds(viewer);

        JsonNode started = admin.rebuild("home-feed", "manual");

        assertThat(started.get("id").isTextual()).isTrue();
        assertThat(started.get("projection").asText()).isEqualTo("home-feed");
        assertThat(started.get("state").asText()).isEqualTo("BUILDING");
        assertThat(started.get("cutover").asText()).isEqualTo("manual");
        assertThat(started.get("generation").asInt()).isGreaterThan(serving);
        assertThat(started.get("servingGeneration").asInt()).isEqualTo(serving);
        assertThat(started.get("startedAt").asText()).matches(TIMESTAMP);
        assertThat(started.get("switchedAt").isNull()).isTrue();
        JsonNode shown = admin.projection("home-feed").get("rebuild");
        assertThat(shown.get("id")).isEqualTo(started.get("id"));
        assertThat(shown.get("state").asText()).isIn(AdminClient.REBUILD_RUNNING);
        assertProblem(admin.rebuildResponse("home-feed", "{}"), 409, "rebuild-running");
        assertProblem(admin.replayResponse("home-feed"), 409, "rebuild-running");

        JsonNode ready = admin.awaitRebuild("home-feed", "READY");
        assertThat(ready.get("progress").asDouble()).isEqualTo(1.0);
        assertThat(ready.get("caughtUpAt").asText()).matches(TIMESTAMP);
        assertThat(ready.get("comparison").get("viewersDiffering").asLong()).isZero();
        assertThat(admin.generation("home-feed")).as("a manual rebuild waits for its cutover").isEqualTo(serving);

        Http.Response switched = admin.cutover("home-feed");
        assertThat(switched.status()).as(switched.raw()).isEqualTo(200);
        assertThat(switched.json().get("state").asText()).isEqualTo("SWITCHED");
        assertThat(switched.json().get("switchedAt").asText()).matches(TIMESTAMP);
        assertThat(admin.generation("home-feed")).isEqualTo(started.get("generation").asInt());
        assertThat(api.feedIds(viewer)).isEqualTo(feed);

        Http.Response rolledBack = admin.rollback("home-feed");
        assertThat(rolledBack.status()).as(rolledBack.raw()).isEqualTo(200);
        assertThat(rolledBack.json().get("name").asText()).isEqualTo("home-feed");
        assertThat(rolledBack.json().get("generation").asInt()).isEqualTo(serving);
        assertThat(api.feedIds(viewer)).isEqualTo(feed);
        assertProblem(admin.rollback("home-feed"), 409, "nothing-retained");
    }

    @Test
    void anAbandonedRebuildIsGoneAndCannotBeSwitchedTo() {
        int serving = admin.generation("home-feed");
        admin.rebuild("home-feed", "manual");

        assertThat(admin.abandon("home-feed").status()).isEqualTo(204);

        Http.Response latest = admin.latestRebuild("home-feed");
        assertThat(latest.status()).isEqualTo(200);
        assertThat(latest.json().get("state").asText()).isEqualTo("ABANDONED");
        assertThat(admin.projection("home-feed").get("rebuild").isNull()).as("no running rebuild shown").isTrue();
        assertProblem(admin.cutover("home-feed"), 409, "rebuild-not-ready");
        assertThat(admin.abandon("home-feed").status()).as("abandoning it again").isEqualTo(204);
        assertThat(admin.generation("home-feed")).isEqualTo(serving);
    }

    @Test
    void badRebuildRequestsAreProblemsAndStartNothing() {
        assertProblem(admin.rebuildResponse("nope", ""), 404, "unknown-projection");
        assertProblem(admin.latestRebuild("nope"), 404, "unknown-projection");
        assertProblem(admin.cutover("nope"), 404, "unknown-projection");
        assertProblem(admin.abandon("nope"), 404, "unknown-projection");
        assertProblem(admin.rollback("nope"), 404, "unknown-projection");
        Http.Response badCutover = admin.rebuildResponse("home-feed", "{\"cutover\": \"soon\"}");
        assertThat(badCutover.status()).isEqualTo(400);
        assertThat(badCutover.contentType()).startsWith("application/problem+json");
        assertThat(badCutover.json().get("errors").get(0).get("field").asText()).isEqualTo("cutover");
        assertThat(admin.http().post("/admin/projections/home-feed/rebuild", api.token(viewer), "").status())
                .as("without the admin scope").isEqualTo(403);
        // Nothing in this application context rebuilds the read marker.
        assertProblem(admin.latestRebuild("read-marker"), 404, "never-rebuilt");
        assertProblem(admin.rollback("read-marker"), 409, "nothing-retained");

        assertThat(admin.projection("home-feed").get("rebuild").isNull()).as("a rebuild started by a refused request").isTrue();
    }

    private static void assertProblem(Http.Response response, int status, String type) {
        assertThat(response.status()).as(response.raw()).isEqualTo(status);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json().get("status").asInt()).isEqualTo(status);
        assertThat(response.json().get("type").asText()).endsWith("/" + type);
    }
}
