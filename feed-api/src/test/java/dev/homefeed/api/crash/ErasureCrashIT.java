package dev.homefeed.api.crash;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import dev.homefeed.api.support.AdminClient;
import dev.homefeed.api.support.FeedClient;
import dev.homefeed.api.support.Http;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A SIGKILL of the packaged service right after an erasure was acknowledged, while the projections are still far
 * behind it (home-feed batches of 10, a backlog of posts): after the restart the erasure completes by itself, and no
 * feed holds the user's posts.
 */
class ErasureCrashIT {

    private static final long ERASED = 1;
    private static final long BUSY_AUTHOR = 2;
    private static final List<Long> FOLLOWERS = List.of(3L, 4L, 5L, 6L);
    private static final Duration PATIENCE = Duration.ofSeconds(120);
    /** Posts published just before the erasure, so that the projections are still behind it at the kill. */
    private static final int BACKLOG = 150;

    private final Timeline timeline = new Timeline("erasure-crash");
    private KillableService service;

    @BeforeEach
    void createDataDirectory() throws Exception {
        service = KillableService.onFreshDataDirectory("erasure-crash", timeline);
    }

    @AfterEach
    void stop() throws Exception {
        service.close();
    }

    @Test
    void anErasureKilledBeforeTheProjectionsReachedItCompletesAfterTheRestart() throws Exception {
        service.start("first start");
        FeedClient api = service.feed();
        // One reader keeps a window, so user_feed holds the erased user's posts; the others read from source truth.
        api.awaitWindow(FOLLOWERS.get(0));
        for (long follower : FOLLOWERS) {
            api.follow(follower, ERASED);
            api.follow(follower, BUSY_AUTHOR);
        }
        List<String> posts = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            posts.add(api.publish(ERASED, "to be erased " + i));
        }
        service.admin().awaitCaughtUp("home-feed", PATIENCE);
        assertThat(service.count("SELECT count(*) FROM user_feed WHERE author_id = " + ERASED)).isEqualTo((long) posts.size());
        assertThat(api.feedIds(FOLLOWERS.get(1))).containsAll(posts);
        for (int i = 0; i < BACKLOG; i++) {
            api.publish(BUSY_AUTHOR, "backlog " + i);
        }

        Http.Response erased = service.admin().delete("/admin/users/" + ERASED);
        assertThat(erased.status()).as(erased.raw()).isEqualTo(204);
        JsonNode before = service.admin().get("/admin/users/" + ERASED + "/erasure").json();
        service.kill();
        timeline.note("killed with the erasure " + (before.get("completedAt").isNull() ? "incomplete" : "complete"));

        service.start("restart after the kill");
        AdminClient admin = service.admin();
        JsonNode completed = await().atMost(PATIENCE).until(() -> admin.get("/admin/users/" + ERASED + "/erasure").json(),
                status -> !status.get("completedAt").isNull());
        assertThat(completed.get("posts").asInt()).isEqualTo(posts.size());
        assertThat(completed.get("follows").asInt()).isEqualTo(FOLLOWERS.size());
        FeedClient restarted = service.feed();
        for (long follower : FOLLOWERS) {
            assertThat(restarted.feedIds(follower)).doesNotContainAnyElementsOf(posts).hasSize(BACKLOG);
        }
        assertThat(service.count("SELECT count(*) FROM user_feed WHERE author_id = " + ERASED)).isZero();
        assertThat(restarted.read(FOLLOWERS.get(0), posts.get(0)).status()).isEqualTo(404);
        assertThat(restarted.pageResponse(ERASED, 20, null).status()).isEqualTo(403);
    }
}
