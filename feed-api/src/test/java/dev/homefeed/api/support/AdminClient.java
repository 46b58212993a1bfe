package dev.homefeed.api.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import com.fasterxml.jackson.databind.JsonNode;
import org.awaitility.core.ConditionTimeoutException;
import org.springframework.core.env.Environment;

/**
 * What an operator does with the admin API (scope {@code feed:admin}): projection status, replays, rebuilds, dead
 * letters and reconciliations, and the waits that go with them. The plain calls assert the status the contract
 * promises and answer the body; the {@code …Response} ones hand back whatever came.
 */
public final class AdminClient {

    public static final Duration PATIENCE = Duration.ofSeconds(60);

    private final Http http;
    private final String token;

    public AdminClient(Http http, String token) {
        this.http = http;
        this.token = token;
    }

    /** The running test application's server, as an admin it accepts. */
    public static AdminClient on(Environment environment) {
        return new AdminClient(new Http(environment.getRequiredProperty("local.server.port", Integer.class)),
                new Tokens(environment).admin(Users.next()));
    }

    public Http http() {
        return http;
    }

    public String token() {
        return token;
    }

    public Http.Response get(String path) {
        return http.get(path, token);
    }

    public Http.Response post(String path, String body) {
        return http.post(path, token, body);
    }

    public Http.Response delete(String path) {
        return http.delete(path, token);
    }

    // ---------------------------------------------------------------------------------------------- projections

    /** Every projection, as {@code GET /admin/projections} lists them. */
    public JsonNode projections() {
        Http.Response response = get("/admin/projections");
        assertThat(response.status()).as(response.raw()).isEqualTo(200);
        return response.json().get("items");
    }

    public JsonNode projection(String name) {
        Http.Response response = get("/admin/projections/" + name);
        assertThat(response.status()).as("GET projection %s: %s", name, response.raw()).isEqualTo(200);
        return response.json();
    }

    /** The generation the projection serves. */
    public int generation(String name) {
        return projection(name).get("generation").asInt();
    }

    /** Asks for a replay and answers the projection as the accepted request left it. */
    public JsonNode replay(String name) {
        Http.Response accepted = replayResponse(name);
        assertThat(accepted.status()).as("POST replay of %s: %s", name, accepted.raw()).isEqualTo(202);
        return accepted.json();
    }

    public Http.Response replayResponse(String name) {
        return post("/admin/projections/" + name + "/replay", "");
    }

    // ------------------------------------------------------------------------------------------------- rebuilds

    /** Starts a rebuild ({@code cutover} {@code auto} or {@code manual}) and answers it as started. */
    public JsonNode rebuild(String name, String cutover) {
        Http.Response accepted = rebuildResponse(name, "{\"cutover\": \"" + cutover + "\"}");
        assertThat(accepted.status()).as("POST rebuild of %s: %s", name, accepted.raw()).isEqualTo(202);
        return accepted.json();
    }

    public Http.Response rebuildResponse(String name, String body) {
        return post("/admin/projections/" + name + "/rebuild", body);
    }

    /** The running or latest rebuild. */
    public Http.Response latestRebuild(String name) {
        return get("/admin/projections/" + name + "/rebuild");
    }

    public Http.Response cutover(String name) {
        return post("/admin/projections/" + name + "/rebuild/cutover", "");
    }

    public Http.Response abandon(String name) {
        return delete("/admin/projections/" + name + "/rebuild");
    }

    public Http.Response rollback(String name) {
        return post("/admin/projections/" + name + "/rollback", "");
    }

    // ----------------------------------------------------------------------------------- dead letters, reconciling

    public JsonNode deadLetters(String name) {
        Http.Response response = get("/admin/projections/" + name + "/dead-letters");
        assertThat(response.status()).as(response.raw()).isEqualTo(200);
        return response.json().get("items");
    }

    public Http.Response retryDeadLetters(String name) {
        return post("/admin/projections/" + name + "/dead-letters/retry", "");
    }

    public Http.Response evict(String name, String deadLetterId) {
        return delete("/admin/projections/" + name + "/dead-letters/" + deadLetterId);
    }

    public Http.Response reconcile(String name, String body) {
        return post("/admin/projections/" + name + "/reconciliations", body);
    }

    // ---------------------------------------------------------------------------------------------------- waits

    /**
     * Waits until the projection runs with every segment at the head. Exact for writes made one after another; after
     * parallel writes a transaction that committed late with a lower index may still be pending, so wait for what
     * those writes must show instead.
     */
    public JsonNode awaitCaughtUp(String name) {
        return awaitCaughtUp(name, PATIENCE);
    }

    public JsonNode awaitCaughtUp(String name, Duration patience) {
        AtomicReference<JsonNode> last = new AtomicReference<>();
        try {
            await().atMost(patience).pollInterval(Duration.ofMillis(50)).until(() -> {
                last.set(projection(name));
                return caughtUp(last.get());
            });
        } catch (ConditionTimeoutException e) {
            throw new AssertionError(name + " did not catch up: " + last.get(), e);
        }
        return last.get();
    }

    /** As {@link #awaitCaughtUp(String)}, for every projection the service runs; answers them as they stood. */
    public JsonNode awaitAllCaughtUp(Duration patience) {
        AtomicReference<JsonNode> last = new AtomicReference<>();
        try {
            await().atMost(patience).pollInterval(Duration.ofMillis(50)).until(() -> {
                last.set(projections());
                boolean all = !last.get().isEmpty();
                for (JsonNode projection : last.get()) {
                    all &= caughtUp(projection);
                }
                return all;
            });
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("projections did not catch up: " + last.get(), e);
        }
        return last.get();
    }

    /** A rebuild's states while it runs: it owns a generation besides the serving one. */
    public static final List<String> REBUILD_RUNNING = List.of("BUILDING", "COMPARING", "READY");

    /** Abandons the projection's latest rebuild if it still runs: ITs share one application context. */
    public void abandonRebuildLeftRunning(String name) {
        Http.Response latest = latestRebuild(name);
        if (latest.status() == 200 && REBUILD_RUNNING.contains(latest.json().get("state").asText())) {
            abandon(name);
        }
    }

    /** Waits until the projection's latest rebuild is in {@code state}; answers it as it stood then. */
    public JsonNode awaitRebuild(String name, String state) {
        return awaitRebuild(name, state, PATIENCE);
    }

    public JsonNode awaitRebuild(String name, String state, Duration patience) {
        AtomicReference<JsonNode> last = new AtomicReference<>();
        await(name + " rebuild " + state).atMost(patience).untilAsserted(() -> {
            last.set(latestRebuild(name).json());
            assertThat(last.get().path("state").asText()).as(last.get().toString()).isEqualTo(state);
        });
        return last.get();
    }

    private static boolean caughtUp(JsonNode projection) {
        return projection.path("state").asText().equals("RUNNING") && projection.path("lagEvents").asLong() == 0;
    }
}
