package dev.homefeed.api.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;
import dev.homefeed.api.support.AdminClient;
import dev.homefeed.api.support.FeedClient;
import dev.homefeed.api.support.FeedIntegrationTest;
import dev.homefeed.api.support.Http;
import dev.homefeed.api.support.Users;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;

/** Health, readiness, metrics and the watchdog, as the contract's "Operations" section describes them. */
@FeedIntegrationTest(properties = {"feed.projections.watchdog-interval=2s", "feed.projections.status-refresh=100ms"})
class OperationsIT {

    @Autowired
    Environment environment;
    @Autowired
    EventProcessingConfiguration processing;

    FeedClient api;
    AdminClient admin;
    Http http;

    @BeforeEach
    void setUp() {
        api = FeedClient.on(environment);
        admin = AdminClient.on(environment);
        http = api.http();
    }

    @Test
    void healthShowsEachProjectionAndReadinessIncludesThem() {
        JsonNode health = http.get("/actuator/health", null).json();
        assertThat(health.get("status").asText()).isEqualTo("UP");
        JsonNode homeFeed = health.get("components").get("projections").get("details").get("home-feed");
        assertThat(homeFeed.get("state").asText()).isEqualTo("RUNNING");
        assertThat(homeFeed.has("lagEvents")).isTrue();
        assertThat(homeFeed.has("lagMillis")).isTrue();

        JsonNode readiness = http.get("/actuator/health/readiness", null).json();
        assertThat(readiness.get("components").has("projections")).isTrue();
        assertThat(readiness.get("components").has("db")).isTrue();
        JsonNode liveness = http.get("/actuator/health/liveness", null).json();
        assertThat(liveness.get("status").asText()).isEqualTo("UP");
        assertThat(liveness.get("components").has("projections")).isFalse();
    }

    @Test
    void prometheusExportsLagReplayProgressDeadLettersAndEventsHandled() {
        api.publish(Users.next(), "counted");
        // Every metric names the instance it comes from, as /admin/instances and the health details do.
        String instance = http.get("/actuator/health", null).json().get("components").get("projections")
                .get("details").get("instance").asText();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            String metrics = admin.get("/actuator/prometheus").raw();
            assertThat(metrics)
                    .contains("feed_projection_lag_events{instance=\"" + instance + "\",projection=\"home-feed\"}")
                    .contains("feed_projection_lag_ms{instance=\"" + instance + "\",projection=\"read-marker\"}")
                    .contains("feed_projection_replay_progress{instance=\"" + instance + "\",projection=\"home-feed\"}")
                    .contains("feed_projection_dead_letters{instance=\"" + instance + "\",projection=\"home-feed\"}")
                    .containsPattern("feed_projection_events_total\\{instance=\"" + instance
                            + "\",outcome=\"handled\",projection=\"home-feed\"\\} [1-9]");
        });
        JsonNode self = admin.get("/admin/instances").json().get("items").get(0);
        assertThat(self.get("id").asText()).isEqualTo(instance);
        assertThat(self.get("self").asBoolean()).isTrue();
    }

    @Test
    void theWatchdogRestartsAProcessorThatStoppedWithoutARequest() {
        StreamingEventProcessor homeFeed = processing.eventProcessor("home-feed", StreamingEventProcessor.class).orElseThrow();

        homeFeed.shutDown();
        JsonNode stopped = admin.projection("home-feed");
        assertThat(stopped.get("state").asText()).isEqualTo("STOPPED");
        assertThat(stopped.get("error").asText()).contains("without an admin request");
        assertThat(http.get("/actuator/health/readiness", null).status()).isEqualTo(503);

        await().atMost(Duration.ofSeconds(15)).until(homeFeed::isRunning);
        await().atMost(Duration.ofSeconds(10)).until(() ->
                admin.projection("home-feed").get("state").asText().equals("RUNNING"));
        assertThat(http.get("/actuator/health", null).json().get("status").asText()).isEqualTo("UP");
        String metrics = admin.get("/actuator/prometheus").raw();
        assertThat(metrics).containsPattern("feed_projection_watchdog_restarts\\{instance=\"[^\"]+\",projection=\"home-feed\"\\} [1-9]");
    }

    @Test
    void theOperationsPageIsPublicUnderAStrictContentSecurityPolicyWhileEveryCallItMakesNeedsTheAdminScope() {
        Http.Response page = http.get("/admin/", null);
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.contentType()).startsWith("text/html");
        assertThat(page.raw()).contains("<script src=\"/admin/assets/ops.js\" defer></script>").doesNotContain("<script>");
        assertThat(page.header("Content-Security-Policy")).hasValueSatisfying(csp -> assertThat(csp)
                .contains("default-src 'none'", "script-src 'self'", "connect-src 'self'", "frame-ancestors 'none'")
                .doesNotContain("unsafe-inline", "unsafe-eval", "http"));
        assertThat(http.get("/admin", null).header("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/admin/"));
        assertThat(http.get("/admin/assets/ops.js", null).status()).isEqualTo(200);
        assertThat(http.get("/admin/assets/ops.css", null).status()).isEqualTo(200);

        assertThat(http.get("/admin/projections", null).status()).isEqualTo(401);
        assertThat(http.get("/admin/projections", api.token(Users.next())).status()).isEqualTo(403);
        assertThat(http.get("/admin/assets/../projections", null).status()).as("a dot-dot past the page's files").isIn(400, 401);
    }
}
