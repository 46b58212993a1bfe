package dev.homefeed.api.replica;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;

import com.fasterxml.jackson.databind.JsonNode;
import dev.homefeed.api.support.AdminClient;
import dev.homefeed.api.support.FeedClient;
import dev.homefeed.api.support.Http;
import dev.homefeed.api.support.ReplicatedDatabaseInitializer;
import dev.homefeed.api.support.Users;
import dev.homefeed.postgres.RunningStandby;
import dev.homefeed.postgres.testing.TestStandby;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.core.env.Environment;
import org.springframework.test.context.ContextConfiguration;

/**
 * Feed and read-marker reads on a PostgreSQL streaming standby that the test starts beside its primary: served there
 * while it keeps up, never with a freshness it has not reached, never failing while it is down or behind, and a
 * generation switch reaching its readers whole.
 */
@AutoConfigureObservability
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = {
        "feed.read-replicas.max-lag=PT3S", "feed.read-replicas.check-interval=100ms", "feed.read-your-writes.max-wait=PT0.3S"})
@ContextConfiguration(initializers = ReplicatedDatabaseInitializer.class)
class ReadReplicaIT {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @Autowired
    Environment environment;

    FeedClient api;
    AdminClient admin;
    RunningStandby standby;
    /** Every post the test published, by author, with its key. */
    final Map<Long, List<Post>> posts = new HashMap<>();
    final Map<Long, Set<Long>> following = new HashMap<>();

    record Post(String id, Instant createdAt) {
    }

    @BeforeEach
    void setUp() {
        api = FeedClient.on(environment);
        admin = AdminClient.on(environment);
        standby = TestStandby.replicated().standby();
        awaitReplica("SERVING");
    }

    @AfterEach
    void standbyBackToNormal() {
        standby.delayApply(Duration.ZERO);
        admin.abandonRebuildLeftRunning("home-feed");
    }

    @Test
    void feedAndMarkerReadsAreServedByTheStandbyAndAnswerTheDeclarativeFeed() throws Exception {
        List<Long> viewers = readersOnTheStandby(4, 3);
        long before = replica().get("reads").asLong();
        long primaryBefore = primaryReads();

        for (long viewer : viewers) {
            assertThat(api.feedIds(viewer)).as("feed of %s", viewer).isEqualTo(declarativeFeed(viewer));
        }
        long viewer = viewers.get(0);
        String seen = declarativeFeed(viewer).get(0);
        Http.Response moved = api.moveMarker(viewer, seen);
        assertThat(moved.status()).isEqualTo(200);
        await().atMost(PATIENCE).untilAsserted(() ->
                assertThat(api.marker(viewer).json().path("lastSeenPostId").asText()).isEqualTo(seen));

        assertThat(replica().get("reads").asLong() - before).as("reads the standby served").isGreaterThanOrEqualTo(viewers.size() + 1);
        assertThat(primaryReads()).as("reads the primary served").isEqualTo(primaryBefore);
    }

    @Test
    void aReplicaReadNeverClaimsAFreshnessTheStandbyHasNotReached() throws Exception {
        long author = Users.next();
        long viewer = readerOf(author);

        standby.delayApply(Duration.ofSeconds(1));
        Post fresh = publish(author, "while the standby applies a second late");
        int withoutThePost = 0;
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode page = api.page(viewer, 10, null);
            if (FeedClient.ids(page.get("items")).contains(fresh.id())) {
                break;
            }
            withoutThePost++;
            JsonNode freshness = page.get("freshness");
            if (!freshness.path("projectedThrough").isNull()) {
                assertThat(Instant.parse(freshness.get("projectedThrough").asText()))
                        .as("a page without the post claims no time from it on: %s", freshness).isBefore(fresh.createdAt());
            }
        }
        assertThat(withoutThePost).as("pages read before the standby applied the post").isPositive();
    }

    @Test
    void readsKeepAnsweringWhileTheStandbyIsDownAndItServesAgainOnceBack() throws Exception {
        List<Long> viewers = readersOnTheStandby(3, 2);

        standby.stopCleanly();
        try {
            long primaryBefore = primaryReads();
            for (int round = 0; round < 5; round++) {
                for (long viewer : viewers) {
                    assertThat(api.feedIds(viewer)).isEqualTo(declarativeFeed(viewer));
                }
            }
            assertThat(replica().get("state").asText()).isEqualTo("DOWN");
            assertThat(primaryReads()).isGreaterThan(primaryBefore);
        } finally {
            standby.startAgain();
        }
        awaitReplica("SERVING");
        long before = replica().get("reads").asLong();
        assertThat(api.feedIds(viewers.get(0))).isEqualTo(declarativeFeed(viewers.get(0)));
        assertThat(replica().get("reads").asLong()).isGreaterThan(before);
    }

    @Test
    void aStandbyPastTheMaxLagIsSkippedAndAReadWithFeedMinPositionShowsTheWrite() throws Exception {
        long author = Users.next();
        long viewer = readerOf(author);

        standby.delayApply(Duration.ofMinutes(5));
        awaitReplica("LAGGING");
        assertThat(replica().get("lagMillis").asLong()).isGreaterThan(3_000);
        Http.Response published = api.http().post("/api/v1/posts", api.token(author), "{\"text\": \"fresh\"}");
        assertThat(published.status()).isEqualTo(201);
        String postId = published.json().get("postId").asText();
        posts.get(author).add(0, new Post(postId, Instant.parse(published.json().get("createdAt").asText())));
        String position = published.header("Feed-Position").orElseThrow();

        long before = replica().get("reads").asLong();
        Http.Response read = api.http().request("GET", "/api/v1/feed?limit=10").token(api.token(viewer))
                .header("Feed-Min-Position", position).send();
        assertThat(read.status()).isEqualTo(200);
        assertThat(FeedClient.ids(read.json().get("items"))).isEqualTo(declarativeFeed(viewer));
        assertThat(api.feedIds(viewer)).as("reads without the header are exact too").isEqualTo(declarativeFeed(viewer));
        assertThat(replica().get("reads").asLong()).as("nothing read on the lagging standby").isEqualTo(before);

        standby.delayApply(Duration.ZERO);
        awaitReplica("SERVING");
    }

    @Test
    void aReadWithFeedMinPositionSkipsAStandbyThatHasNotReachedIt() throws Exception {
        long author = Users.next();
        long viewer = readerOf(author);

        standby.delayApply(Duration.ofSeconds(2));
        for (int i = 0; i < 5; i++) {
            Http.Response published = api.http().post("/api/v1/posts", api.token(author), "{\"text\": \"fresh " + i + "\"}");
            posts.get(author).add(0, new Post(published.json().get("postId").asText(),
                    Instant.parse(published.json().get("createdAt").asText())));
            Http.Response read = api.http().request("GET", "/api/v1/feed?limit=10").token(api.token(viewer))
                    .header("Feed-Min-Position", published.header("Feed-Position").orElseThrow()).send();
            assertThat(FeedClient.ids(read.json().get("items"))).as("read %s", i).isEqualTo(declarativeFeed(viewer));
        }
    }

    @Test
    void aRebuildsSwitchReachesReadersOnTheStandbyWholeAndNoReadFails() throws Exception {
        List<Long> viewers = readersOnTheStandby(4, 3);
        int serving = admin.generation("home-feed");

        AtomicBoolean reading = new AtomicBoolean(true);
        ConcurrentLinkedQueue<String> wrong = new ConcurrentLinkedQueue<>();
        Map<Long, List<String>> expected = new HashMap<>();
        viewers.forEach(v -> expected.put(v, declarativeFeed(v)));
        Thread readers = new Thread(() -> {
            while (reading.get()) {
                for (long viewer : viewers) {
                    try {
                        List<String> read = api.feedIds(viewer);
                        if (!read.equals(expected.get(viewer))) {
                            wrong.add(viewer + " read " + read + ", expected " + expected.get(viewer));
                        }
                    } catch (AssertionError | RuntimeException failed) {
                        wrong.add(viewer + ": " + failed.getMessage());
                    }
                }
            }
        }, "standby-readers");
        readers.start();
        try {
            admin.rebuild("home-feed", "auto");
            admin.awaitRebuild("home-feed", "SWITCHED");
            int rebuilt = admin.generation("home-feed");
            assertThat(rebuilt).isGreaterThan(serving);
            await().atMost(PATIENCE).until(() -> onStandby(
                    "SELECT definition FROM pg_views WHERE schemaname = 'public' AND viewname = 'user_feed'")
                    .contains("home_feed_g" + rebuilt + "."));
            viewers.forEach(api::awaitWindow);
            Thread.sleep(500);
        } finally {
            reading.set(false);
            readers.join();
        }
        assertThat(wrong).as("pages that were wrong or failed while the switch replicated").isEmpty();
        assertThat(replica().get("reads").asLong()).isPositive();
    }

    // ------------------------------------------------------------------------------------------------- the model

    /** {@link #graph}'s viewers, with their windows, once the standby holds all of it. */
    private List<Long> readersOnTheStandby(int authors, int viewers) throws Exception {
        List<Long> readers = graph(authors, viewers);
        admin.awaitAllCaughtUp(PATIENCE);
        readers.forEach(api::awaitWindow);
        awaitReplicated();
        return readers;
    }

    /**
     * {@code authors} authors with a post each, and {@code viewers} viewers with a post each, the i-th following the
     * first i + 1 authors.
     */
    private List<Long> graph(int authors, int viewers) {
        List<Long> authorIds = new ArrayList<>();
        for (int i = 0; i < authors; i++) {
            long author = Users.next();
            authorIds.add(author);
            publish(author, "post " + i + " of " + author);
        }
        List<Long> viewerIds = new ArrayList<>();
        for (int i = 0; i < viewers; i++) {
            long viewer = Users.next();
            viewerIds.add(viewer);
            for (int a = 0; a <= i && a < authors; a++) {
                follow(viewer, authorIds.get(a));
            }
            publish(viewer, "own post of " + viewer);
        }
        return viewerIds;
    }

    /** A viewer of the author's one post, with a window, once the standby holds all of it. */
    private long readerOf(long author) throws Exception {
        long viewer = Users.next();
        follow(viewer, author);
        publish(author, "an older post");
        admin.awaitAllCaughtUp(PATIENCE);
        api.awaitWindow(viewer);
        awaitReplicated();
        return viewer;
    }

    private void follow(long viewer, long author) {
        api.follow(viewer, author);
        following.computeIfAbsent(viewer, v -> new HashSet<>()).add(author);
    }

    private Post publish(long author, String text) {
        JsonNode created = api.publish(author, text, null);
        Post post = new Post(created.get("postId").asText(), Instant.parse(created.get("createdAt").asText()));
        posts.computeIfAbsent(author, a -> new ArrayList<>()).add(0, post);
        return post;
    }

    /** The viewer's posts and those of everyone they follow, newest first: what every read must answer. */
    private List<String> declarativeFeed(long viewer) {
        List<Post> feed = new ArrayList<>(posts.getOrDefault(viewer, List.of()));
        following.getOrDefault(viewer, Set.of()).forEach(author -> feed.addAll(posts.getOrDefault(author, List.of())));
        return feed.stream()
                .sorted(Comparator.comparing(Post::createdAt).thenComparing(p -> Long.parseLong(p.id())).reversed())
                .map(Post::id).toList();
    }

    // --------------------------------------------------------------------------------------------------- replica

    private JsonNode replica() {
        Http.Response response = admin.get("/admin/read-replicas");
        assertThat(response.status()).as(response.raw()).isEqualTo(200);
        assertThat(response.json().get("items")).hasSize(1);
        return response.json().get("items").get(0);
    }

    private void awaitReplica(String state) {
        await("replica " + state).atMost(PATIENCE).pollInterval(Duration.ofMillis(100))
                .until(() -> replica().get("state").asText().equals(state));
    }

    /** Until the standby has applied everything the primary has written so far, projections' tokens included. */
    private void awaitReplicated() throws Exception {
        String written = onPrimary("SELECT CAST(pg_current_wal_lsn() AS text)");
        await("standby at " + written).atMost(PATIENCE).pollInterval(Duration.ofMillis(50)).until(() ->
                onStandby("SELECT CAST(pg_last_wal_replay_lsn() >= CAST('" + written + "' AS pg_lsn) AS text)").equals("true"));
    }

    private long primaryReads() {
        String metrics = admin.get("/actuator/prometheus").raw();
        return metrics.lines().filter(line -> line.startsWith("feed_reads_total{") && line.contains("target=\"primary\""))
                .mapToLong(line -> (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .sum();
    }

    private String onStandby(String sql) throws Exception {
        return query(standby.jdbcUrl(database()), sql);
    }

    private String onPrimary(String sql) throws Exception {
        return query(environment.getProperty("spring.datasource.url"), sql);
    }

    private String database() {
        return environment.getProperty("spring.datasource.url").replaceFirst(".*/", "");
    }

    private String query(String url, String sql) throws Exception {
        try (Connection c = DriverManager.getConnection(url, standby.username(), standby.password());
                Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
