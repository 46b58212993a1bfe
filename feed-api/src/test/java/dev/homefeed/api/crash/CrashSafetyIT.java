package dev.homefeed.api.crash;

import static dev.homefeed.api.crash.ConvergenceChecks.PROJECTIONS;
import static dev.homefeed.api.crash.ConvergenceChecks.assertSameTables;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import com.fasterxml.jackson.databind.JsonNode;
import dev.homefeed.api.support.AdminClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Crash safety of the packaged service, run as a real process: SIGKILL while posts are being fanned out, and again
 * while a replay rebuilds the home feed. Each restart finds the killed service's PostgreSQL still running on the
 * data directory and must cope. Afterwards each projection holds exactly what a clean replay produces, every
 * acknowledged post is in its author's feed and its followers' feeds, and no row is missing or doubled
 * ({@link ConvergenceChecks}, against the {@link CrashScenario}'s ledger and the event store).
 */
class CrashSafetyIT {

    /** Acknowledged posts after which the service is killed in the middle of publishing. */
    private static final int POSTS_BEFORE_KILL = 300;
    /** Posts added before the second kill, so that a home-feed replay takes a few seconds. */
    private static final int POSTS_FOR_SLOW_REPLAY = 800;

    private final Timeline timeline = new Timeline("crash-safety");
    private KillableService service;
    private CrashScenario scenario;
    private ConvergenceChecks checks;

    @BeforeEach
    void createDataDirectory() throws Exception {
        service = KillableService.onFreshDataDirectory("crash-safety", timeline);
        scenario = new CrashScenario(service, timeline);
        checks = new ConvergenceChecks(service, scenario.ledger(), timeline);
    }

    @AfterEach
    void stopEverythingAndDeleteTheDataDirectory() throws Exception {
        service.close();
    }

    @Test
    @Timeout(value = 10, unit = TimeUnit.MINUTES)
    void projectionsConvergeToACleanReplayAfterSigkillDuringFanOutAndDuringReplay() throws Exception {
        service.start("first start (cluster created)");
        scenario.followGraph();

        // SIGKILL while writers publish at full speed and the home feed fans their posts out.
        long lagAtKill = scenario.killWhilePublishing(POSTS_BEFORE_KILL);
        timeline.note("first SIGKILL after " + scenario.ledger().posts.size() + " acknowledged posts; home-feed lagged "
                + lagAtKill + " events just before it; in the orphaned database " + checks.unprojectedEvents("home-feed")
                + " committed events are not yet projected");
        service.restartOverOrphanedPostgres();
        checks.awaitCaughtUp("catch-up after the fan-out kill");
        Map<String, List<List<Object>>> afterCrash = checks.verifyConverged("after SIGKILL during fan-out");

        // The converged tables are what a clean replay produces.
        long cleanReplay = System.nanoTime();
        for (String projection : PROJECTIONS) {
            assertThat(service.admin().replay(projection).path("state").asText()).isEqualTo("REPLAYING");
        }
        checks.awaitCaughtUp("clean replay of " + checks.eventCount() + " events", cleanReplay);
        assertSameTables("clean replay vs. state after the fan-out kill", afterCrash, checks.snapshot());

        // SIGKILL during a replay long enough to be caught in the middle.
        scenario.publish(POSTS_FOR_SLOW_REPLAY);
        checks.awaitCaughtUp("catch-up after the bulk publish");
        Map<String, List<List<Object>>> beforeReplay = checks.verifyConverged("before the interrupted replay");
        long replayStarted = System.nanoTime();
        // read-marker first: it replays in a blink, and home-feed's replay must not run on while its request is served.
        service.admin().replay("read-marker");
        service.admin().replay("home-feed");
        JsonNode midReplay = awaitReplayInProgress("home-feed");
        // The windows wait for the replay, so the feed is answered from source truth meanwhile, complete and current.
        assertThat(service.feed().page(CrashScenario.STAR, 20, null).path("freshness").path("servedFrom").asText())
                .as("what serves the feed while home-feed replays").isEqualTo("source");
        service.kill();
        timeline.note("second SIGKILL " + Timeline.millisSince(replayStarted) + " ms into a replay of " + checks.eventCount()
                + " events, home-feed replayProgress " + midReplay.path("replayProgress").asDouble());
        checks.assertReplayWasInterrupted(beforeReplay);
        service.restartOverOrphanedPostgres();
        JsonNode resumed = service.admin().projection("home-feed");
        timeline.note("after the restart home-feed is " + resumed.path("state").asText() + " at replayProgress "
                + resumed.path("replayProgress"));
        if (resumed.path("state").asText().equals("REPLAYING")) {
            // Resumed from the stored replay tokens, not reset and started over.
            assertThat(resumed.path("replayProgress").asDouble()).as("replayProgress after the restart")
                    .isGreaterThanOrEqualTo(midReplay.path("replayProgress").asDouble());
        }
        checks.awaitCaughtUp("resumed replay");
        assertSameTables("resumed replay vs. state before the replay", beforeReplay, checks.snapshot());
        checks.verifyConverged("after the resumed replay");

        service.stopCleanly();
    }

    /** Past the follow graph at the start of the history, so posts are being fanned out again, and not near the end. */
    private JsonNode awaitReplayInProgress(String projection) throws Exception {
        AdminClient admin = service.admin();
        AtomicReference<JsonNode> seen = new AtomicReference<>();
        await(projection + " replay in progress").atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(10))
                .failFast(projection + " finished replaying before the test could kill it: publish more history",
                        () -> seen.get() != null && seen.get().path("state").asText().equals("RUNNING"))
                .until(() -> {
                    JsonNode p = admin.projection(projection);
                    seen.set(p);
                    double progress = p.path("replayProgress").asDouble(-1);
                    return p.path("state").asText().equals("REPLAYING") && progress >= 0.3 && progress < 0.9;
                });
        return seen.get();
    }
}
