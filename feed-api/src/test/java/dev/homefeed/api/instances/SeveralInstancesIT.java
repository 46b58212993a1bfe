package dev.homefeed.api.instances;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.databind.JsonNode;
import dev.homefeed.api.support.AdminClient;
import dev.homefeed.api.support.FeedClient;
import dev.homefeed.api.support.Http;
import dev.homefeed.api.support.Parallel;
import dev.homefeed.api.support.ServiceProcess;
import dev.homefeed.api.support.Tokens;
import dev.homefeed.api.support.Users;
import dev.homefeed.postgres.Databases;
import dev.homefeed.postgres.RunningPostgres;
import dev.homefeed.postgres.testing.TestPostgres;
import dev.homefeed.postgres.testing.TestRun;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Two packaged jars on one PostgreSQL, as {@code compose.yaml} runs them: they lease distinct node ids, share the
 * projections' segments through Axon's token claims, answer racing commands on one aggregate correctly, take
 * replays asked of either, and when one is killed the other owns every segment and moves the feed on.
 */
class SeveralInstancesIT {

    private static final Logger log = LoggerFactory.getLogger(SeveralInstancesIT.class);
    static final String JWT_SECRET = "a-shared-jwt-secret-for-both-instances-of-this-test";
    static final Duration PATIENCE = Duration.ofSeconds(60);

    final Tokens tokens = new Tokens(JWT_SECRET);
    final String adminToken = tokens.admin(Users.next());
    final List<ServiceProcess> started = new ArrayList<>();
    RunningPostgres postgres;
    String database;
    Path directory;

    @BeforeEach
    void createDatabase() throws Exception {
        postgres = TestPostgres.shared();
        database = "instances_" + ProcessHandle.current().pid() + "_" + System.nanoTime() % 100_000;
        Databases.createIfMissing(postgres, database);
        directory = Files.createDirectories(TestRun.directory().resolve(database));
    }

    @AfterEach
    void stopInstances() throws Exception {
        for (ServiceProcess instance : started) {
            if (instance.isAlive()) {
                instance.kill();
            }
        }
        // The run's directory goes with the JVM; the instances' logs stay in target/ for a person to read.
        for (String name : List.of("a", "b")) {
            Path log = directory.resolve(name + ".log");
            if (Files.exists(log)) {
                Files.copy(log, Path.of("target", "several-instances-" + name + ".log"), StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    @Test
    void twoInstancesShareTheWorkRaceCorrectlyAndOneTakesOverWhenTheOtherIsKilled() throws Exception {
        ServiceProcess a = start("a");
        a.awaitHealthy();
        ServiceProcess b = start("b");
        b.awaitHealthy();

        // Segments: home-feed's two spread one per instance; the read marker's one on either.
        await("segments spread").atMost(PATIENCE).untilAsserted(() -> {
            JsonNode instances = admin(a).get("/admin/instances").json().get("items");
            assertThat(instances).hasSize(2);
            for (JsonNode instance : instances) {
                assertThat(homeFeedSegments(instance)).as(instance.toString()).isEqualTo(1);
            }
        });
        JsonNode instances = admin(b).get("/admin/instances").json().get("items");
        Set<Integer> nodeIds = new HashSet<>();
        instances.forEach(i -> nodeIds.add(i.get("nodeId").asInt()));
        assertThat(nodeIds).as("leased node ids").hasSize(2);
        assertThat(admin(b).get("/admin/projections/home-feed").json().get("segments"))
                .allSatisfy(s -> assertThat(s.get("owner").isNull()).isFalse());

        // Posts through both instances, with distinct ids, in the feeds read from either.
        long alice = Users.next();
        long bob = Users.next();
        long carol = Users.next();
        api(a).follow(alice, bob);
        api(b).follow(alice, carol);
        api(b).follow(carol, bob);
        List<String> posts = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            posts.add(api(i % 2 == 0 ? a : b).publish(i % 2 == 0 ? bob : carol, "post " + i));
        }
        assertThat(new HashSet<>(posts)).hasSize(posts.size());
        awaitFeed(a, alice, posts.size());
        awaitFeed(b, alice, posts.size());
        String cursor = a.http().get("/api/v1/feed?limit=3", tokens.user(alice)).json().get("nextCursor").asText();
        assertThat(b.http().get("/api/v1/feed?limit=3&cursor=" + cursor, tokens.user(alice)).status())
                .as("a cursor from one instance on the other").isEqualTo(200);

        // A racing edit with the same If-Match: one wins, the other is told its version is stale.
        String raced = posts.get(0);
        List<Integer> editStatuses = race(
                () -> edit(a, bob, raced, "\"1\"", "edited through a").status(),
                () -> edit(b, bob, raced, "\"1\"", "edited through b").status());
        assertThat(editStatuses).containsExactlyInAnyOrder(200, 412);
        // Without If-Match both go through: the loser of the append race is retried.
        List<Integer> blindEdits = race(
                () -> edit(a, bob, raced, null, "blind edit through a").status(),
                () -> edit(b, bob, raced, null, "blind edit through b").status());
        assertThat(blindEdits).containsExactly(200, 200);
        assertThat(a.http().get("/api/v1/posts/" + raced, tokens.user(bob)).json().get("version").asInt()).isEqualTo(4);

        // One Idempotency-Key sent to both at once makes one post.
        List<String> keyed = race(() -> publishWithKey(a, carol, "once"), () -> publishWithKey(b, carol, "once"));
        assertThat(keyed.get(0)).isEqualTo(keyed.get(1));
        posts.add(keyed.get(0));
        awaitFeed(b, alice, posts.size());

        // A replay asked of one instance while the other runs.
        admin(b).replay("home-feed");
        admin(a).awaitCaughtUp("home-feed");
        awaitFeed(a, alice, posts.size());

        // A rebuild asked of one instance switches every instance: readers go through the public views.
        admin(b).rebuild("home-feed", "auto");
        admin(b).awaitRebuild("home-feed", "SWITCHED");
        assertThat(admin(a).generation("home-feed"))
                .as("the generation the other instance serves right after the switch").isEqualTo(2);
        awaitFeed(a, alice, posts.size());

        // A rebuild driven by the instance about to die: the survivor takes it over and finishes it.
        admin(a).rebuild("read-marker", "manual");
        admin(a).awaitRebuild("read-marker", "READY");

        // kill -9 of one: the other owns every segment, and the feed moves again, within 15 s.
        String killedId = self(a);
        assertThat(a.kill()).isEqualTo(ServiceProcess.SIGKILL_EXIT);
        long killedAt = System.nanoTime();
        String after = api(b).publish(bob, "after the kill");
        posts.add(after);
        await("failover").atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
            JsonNode projections = admin(b).get("/admin/projections").json().get("items");
            for (JsonNode projection : projections) {
                assertThat(projection.get("segments")).as(projection.toString())
                        .allSatisfy(s -> assertThat(s.get("owner").asText()).isEqualTo(self(b)));
            }
            assertThat(feedIds(b, alice)).contains(after);
        });
        long failoverMillis = (System.nanoTime() - killedAt) / 1_000_000;
        log.info("Failover: {} ms from the kill of {} until {} owned every segment and served the new post",
                failoverMillis, killedId, self(b));
        await("the dead instance's lease expires").atMost(Duration.ofSeconds(15)).untilAsserted(() ->
                assertThat(admin(b).get("/admin/instances").json().get("items")).hasSize(1));
        await("the survivor drives the dead one's rebuild").atMost(PATIENCE)
                .until(() -> Files.readString(directory.resolve("b.log")).contains("takes it over from the dead instance " + killedId));
        assertThat(admin(b).cutover("read-marker").status()).isEqualTo(200);
        assertThat(admin(b).generation("read-marker")).isEqualTo(2);

        // What the projection holds equals a clean replay of the same events.
        List<String> before = userFeedRows();
        admin(b).replay("home-feed");
        admin(b).awaitCaughtUp("home-feed");
        // The windows a replay left waiting (alice reads her feed, so she keeps one) are written again once it has caught up.
        await("windows written again").atMost(PATIENCE).untilAsserted(() -> assertThat(userFeedRows()).isEqualTo(before));
        assertThat(before).as("alice's window").isNotEmpty();
        assertThat(feedIds(b, alice)).containsExactlyInAnyOrderElementsOf(posts);
    }

    private ServiceProcess start(String name) throws Exception {
        Path data = Files.createDirectories(directory.resolve(name));
        ServiceProcess instance = ServiceProcess.start(ServiceProcess.packagedJar(), data, directory.resolve(name + ".log"), Map.of(
                "SPRING_DATASOURCE_URL", postgres.jdbcUrl(database),
                "SPRING_DATASOURCE_USERNAME", postgres.username(),
                "SPRING_DATASOURCE_PASSWORD", postgres.password(),
                "FEED_JWT_SECRET", JWT_SECRET));
        started.add(instance);
        return instance;
    }

    private FeedClient api(ServiceProcess via) {
        return new FeedClient(via.http(), tokens);
    }

    private AdminClient admin(ServiceProcess via) {
        return new AdminClient(via.http(), adminToken);
    }

    private String self(ServiceProcess instance) {
        for (JsonNode i : admin(instance).get("/admin/instances").json().get("items")) {
            if (i.get("self").asBoolean()) {
                return i.get("id").asText();
            }
        }
        throw new AssertionError("no instance says it is itself");
    }

    private static long homeFeedSegments(JsonNode instance) {
        long count = 0;
        for (JsonNode segment : instance.get("segments")) {
            count += segment.get("projection").asText().equals("home-feed") ? 1 : 0;
        }
        return count;
    }


    private String publishWithKey(ServiceProcess via, long author, String key) {
        Http.Response response = via.http().request("POST", "/api/v1/posts").token(tokens.user(author))
                .header("Idempotency-Key", key).json("{\"text\": \"said once\"}").send();
        assertThat(response.status()).as(response.raw()).isIn(200, 201);
        return response.json().get("postId").asText();
    }

    private Http.Response edit(ServiceProcess via, long author, String postId, String ifMatch, String text) {
        Http.Request request = via.http().request("PATCH", "/api/v1/posts/" + postId).token(tokens.user(author))
                .json("{\"text\": \"" + text + "\"}");
        if (ifMatch != null) {
            request.header("If-Match", ifMatch);
        }
        return request.send();
    }

    private List<String> feedIds(ServiceProcess via, long viewer) {
        return api(via).feedIds(viewer);
    }

    private void awaitFeed(ServiceProcess via, long viewer, int size) {
        await("feed of " + viewer).atMost(PATIENCE).until(() -> feedIds(via, viewer).size() == size);
    }

    private List<String> userFeedRows() throws SQLException {
        try (Connection connection = DriverManager.getConnection(postgres.jdbcUrl(database), postgres.username(), postgres.password());
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT * FROM user_feed ORDER BY viewer_id, post_id")) {
            List<String> all = new ArrayList<>();
            int columns = rows.getMetaData().getColumnCount();
            while (rows.next()) {
                StringBuilder row = new StringBuilder();
                for (int c = 1; c <= columns; c++) {
                    row.append(rows.getString(c)).append('|');
                }
                all.add(row.toString());
            }
            return all;
        }
    }

    @SafeVarargs
    private static <T> List<T> race(Callable<T>... calls) {
        return Parallel.run(calls.length, List.of(calls));
    }
}
