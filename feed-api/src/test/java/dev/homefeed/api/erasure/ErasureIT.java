package dev.homefeed.api.erasure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import dev.homefeed.api.support.AdminClient;
import dev.homefeed.api.support.FeedClient;
import dev.homefeed.api.support.FeedIntegrationTest;
import dev.homefeed.api.support.Http;
import dev.homefeed.api.support.Users;
import dev.homefeed.command.api.AggregateIds;
import dev.homefeed.command.api.PostId;
import dev.homefeed.command.api.post.PostPublishedEvent;
import dev.homefeed.command.erasure.PlainPostEvents;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Erasure of a user, end to end: the key goes, and with it the text in every event; their posts leave every feed in
 * every generation and stay gone after a replay, a rebuild and a rollback; their follows, marker and command-side
 * rows go; their token is refused. The store is read directly, as an attacker with a copy of it would.
 */
@FeedIntegrationTest
class ErasureIT {


    @Autowired
    Environment environment;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    EventStore eventStore;
    @Autowired
    PlainPostEvents plainEvents;
    @Autowired
    MeterRegistry meters;

    FeedClient api;
    AdminClient admin;
    long erased;
    long follower;
    long followee;
    List<String> texts;
    List<String> posts;
    String followeesPost;

    /** A user with posts (one edited) and a read marker, a follower who reads, and someone both follow. */
    @BeforeEach
    void aUserWithPostsFollowsAndAMarker() {
        api = FeedClient.on(environment);
        admin = AdminClient.on(environment);
        erased = Users.next();
        follower = Users.next();
        followee = Users.next();
        api.follow(follower, erased);
        api.follow(follower, followee);
        api.follow(erased, followee);
        api.awaitWindow(follower);
        followeesPost = api.publish(followee, "not theirs, stays");
        texts = new ArrayList<>();
        posts = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            texts.add("personal " + UUID.randomUUID());
            posts.add(api.publish(erased, texts.get(i)));
        }
        texts.add("edited " + UUID.randomUUID());
        assertThat(api.edit(erased, posts.get(0), texts.get(3)).status()).isEqualTo(200);
        assertThat(api.moveMarker(erased, posts.get(2)).status()).isEqualTo(200);
        admin.awaitAllCaughtUp(AdminClient.PATIENCE);
        assertThat(api.feedIds(follower)).containsAll(posts);
    }

    @AfterEach
    void abandonARebuildLeftRunning() {
        admin.abandonRebuildLeftRunning("home-feed");
    }

    @Test
    void anErasedUsersPostsFollowsAndMarkerAreGoneAndTheirTextCannotBeReadFromTheStore() {
        double erasuresBefore = erasures();
        Http.Response erasure = api.http().delete("/api/v1/users/me", api.token(erased));

        assertThat(erasure.status()).as(erasure.raw()).isEqualTo(204);
        assertThat(erasure.header("Feed-Position")).isPresent();
        assertThat(erasures()).isEqualTo(erasuresBefore + 1);
        for (String post : posts) {
            assertProblem(api.read(follower, post), 404, "post-not-found");
        }
        assertThat(api.read(follower, followeesPost).status()).isEqualTo(200);
        assertThat(api.feedIds(follower)).contains(followeesPost);
        JsonNode status = awaitCompleted(erased);
        assertThat(status.get("userId").asText()).isEqualTo(Long.toString(erased));
        assertThat(status.get("posts").asInt()).isEqualTo(3);
        assertThat(status.get("follows").asInt()).as("follower to them, them to followee").isEqualTo(2);
        assertThat(status.get("requestedAt").asText()).isLessThanOrEqualTo(status.get("completedAt").asText());

        assertThat(api.feedIds(follower)).doesNotContainAnyElementsOf(posts);
        assertThat(followingOf(follower)).doesNotContain(Long.toString(erased));
        Http.Response reconciled = admin.reconcile("home-feed", "{\"viewerIds\": [\"" + follower + "\"]}");
        assertThat(reconciled.json().get("differing").asInt()).as("source truth and the feed agree").isZero();
        assertNothingOfTheUserIsStored();
        assertTheirEventsAreWholeButUnreadable();
    }

    @Test
    void anErasedUsersTokenIsRefusedAndErasingAgainChangesNothing() {
        assertThat(admin.delete("/admin/users/" + erased).status()).isEqualTo(204);
        double erasuresAfterFirst = erasures();

        assertProblem(api.pageResponse(erased, 20, null), 403, "user-erased");
        assertProblem(api.publishResponse(erased, "after my erasure"), 403, "user-erased");
        assertProblem(api.followResponse(erased, followee), 403, "user-erased");
        assertProblem(api.marker(erased), 403, "user-erased");
        assertProblem(api.followResponse(follower, erased), 404, "user-erased");
        assertThat(api.http().delete("/api/v1/users/me", api.token(erased)).status()).isEqualTo(204);
        assertThat(admin.delete("/admin/users/" + erased).status()).isEqualTo(204);
        assertThat(erasures()).isEqualTo(erasuresAfterFirst);
        assertThat(awaitCompleted(erased).get("posts").asInt()).isEqualTo(3);
    }

    @Test
    void anUnknownUserIsErasedTooAndAUserNeverErasedHasNoErasure() {
        long unknown = Users.next();

        assertProblem(admin.get("/admin/users/" + unknown + "/erasure"), 404, "erasure-not-found");
        assertThat(admin.delete("/admin/users/" + unknown).status()).isEqualTo(204);
        assertThat(awaitCompleted(unknown).get("posts").asInt()).isZero();
        assertProblem(api.publishResponse(unknown, "too late"), 403, "user-erased");
        assertProblem(admin.delete("/admin/users/abc"), 400, "invalid-request");
        assertThat(api.http().delete("/admin/users/" + unknown, api.token(follower)).status()).isEqualTo(403);
    }

    @Test
    void aReplayAfterAnErasureNeverBringsThePostsBack() {
        assertThat(admin.delete("/admin/users/" + erased).status()).isEqualTo(204);
        awaitCompleted(erased);

        admin.replay("home-feed");
        admin.replay("read-marker");
        admin.awaitAllCaughtUp(AdminClient.PATIENCE);
        api.awaitWindow(follower);

        assertThat(api.feedIds(follower)).doesNotContainAnyElementsOf(posts).contains(followeesPost);
        assertNothingOfTheUserIsStored();
    }

    @Test
    void anErasureDuringARebuildReachesTheRebuiltAndTheRetainedGeneration() {
        admin.rebuild("home-feed", "manual");
        assertThat(admin.delete("/admin/users/" + erased).status()).isEqualTo(204);
        JsonNode ready = admin.awaitRebuild("home-feed", "READY");
        assertThat(ready.get("comparison").get("viewersDiffering").asLong()).isZero();
        awaitCompleted(erased);
        assertThat(admin.cutover("home-feed").status()).isEqualTo(200);
        assertThat(api.feedIds(follower)).doesNotContainAnyElementsOf(posts).contains(followeesPost);

        assertThat(admin.rollback("home-feed").status()).isEqualTo(200);

        assertThat(api.feedIds(follower)).doesNotContainAnyElementsOf(posts).contains(followeesPost);
        assertNothingOfTheUserIsStored();
    }

    @Test
    void plainEventsOfThePreviousVersionAreSealedInPlaceAndThenErasable() {
        long author = Users.next();
        String text = "written before encryption " + UUID.randomUUID();
        String post = api.publish(author, text);
        storeAsThePreviousVersionDid(post, text);
        assertThat(api.read(follower, post).json().get("text").asText()).as("read through the upcaster").isEqualTo(text);

        await().atMost(Duration.ofSeconds(30)).until(() -> payload(post).startsWith("2:"));

        assertThat(payload(post)).doesNotContain(text);
        assertThat(api.read(follower, post).json().get("text").asText()).isEqualTo(text);
        assertThat(admin.delete("/admin/users/" + author).status()).isEqualTo(204);
        assertProblem(api.read(follower, post), 404, "post-not-found");
        assertThat(publishedText(post)).isNull();
    }

    @Test
    void aPlainEventOfAUserErasedBeforeTheMigrationReachedItLosesItsText() {
        long author = Users.next();
        String text = "never sealed " + UUID.randomUUID();
        String post = api.publish(author, text);
        storeAsThePreviousVersionDid(post, text);

        assertThat(admin.delete("/admin/users/" + author).status()).isEqualTo(204);

        assertThat(payload(post)).doesNotContain(text).startsWith("2:");
        assertThat(publishedText(post)).isNull();
    }

    // ------------------------------------------------------------------------------------------------ helpers

    private void assertNothingOfTheUserIsStored() {
        assertThat(jdbc.sql("SELECT data_key FROM user_data_key WHERE user_id = :u").param("u", erased)
                .query((rs, i) -> rs.getBytes(1)).list()).containsOnlyNulls();
        assertThat(count("SELECT count(*) FROM post_by_author WHERE author_id = :u")).isZero();
        assertThat(count("SELECT count(*) FROM following WHERE follower_id = :u OR followee_id = :u")).isZero();
        assertThat(count("SELECT count(*) FROM post_idempotency_key WHERE author_id = :u")).isZero();
        assertThat(count("SELECT count(*) FROM feed_viewer_activity WHERE viewer_id = :u")).isZero();
        List<String> schemas = jdbc.sql("SELECT nspname FROM pg_namespace WHERE nspname ~ '^(home_feed|read_marker)_g[0-9]+$'")
                .query(String.class).list();
        for (String schema : schemas) {
            if (schema.startsWith("home_feed")) {
                assertThat(count("SELECT count(*) FROM " + schema + ".user_feed WHERE author_id = :u OR viewer_id = :u"))
                        .as(schema).isZero();
                assertThat(count("SELECT count(*) FROM " + schema + ".home_feed_post WHERE author_id = :u AND (NOT deleted OR text IS NOT NULL)"))
                        .as(schema).isZero();
                assertThat(count("SELECT count(*) FROM " + schema + ".home_feed_follower WHERE follower_id = :u OR followee_id = :u"))
                        .as(schema).isZero();
            } else {
                assertThat(count("SELECT count(*) FROM " + schema + ".feed_cursor WHERE viewer_id = :u")).as(schema).isZero();
            }
        }
    }

    /** Every event is still there, in order; none holds the text, and the event store reads it back without it. */
    private void assertTheirEventsAreWholeButUnreadable() {
        for (int i = 0; i < posts.size(); i++) {
            String aggregate = AggregateIds.post(new PostId(Long.parseLong(posts.get(i))));
            List<Long> sequence = jdbc.sql("SELECT sequence_number FROM domain_event_entry WHERE aggregate_identifier = :a ORDER BY global_index")
                    .param("a", aggregate).query(Long.class).list();
            assertThat(sequence).isEqualTo(i == 0 ? List.of(0L, 1L) : List.of(0L));
            List<String> payloads = jdbc.sql("SELECT payload FROM domain_event_entry WHERE aggregate_identifier = :a")
                    .param("a", aggregate).query((rs, n) -> new String(rs.getBytes(1), StandardCharsets.UTF_8)).list();
            for (String payload : payloads) {
                texts.forEach(text -> assertThat(payload).doesNotContain(text));
            }
            assertThat(publishedText(posts.get(i))).isNull();
        }
    }

    /** The stored form of revision 1: the record's JSON with its text in plain. */
    private void storeAsThePreviousVersionDid(String post, String text) {
        String aggregate = AggregateIds.post(new PostId(Long.parseLong(post)));
        int rewritten = jdbc.sql("""
                UPDATE domain_event_entry
                SET payload = convert_to(jsonb_set(convert_from(payload, 'UTF8')::jsonb, '{text}', to_jsonb(:text::text))::text, 'UTF8'),
                    payload_revision = '1'
                WHERE aggregate_identifier = :a AND sequence_number = 0""")
                .param("a", aggregate).param("text", text).update();
        assertThat(rewritten).isOne();
        assertThat(payload(post)).startsWith("1:").contains(text);
    }

    /** The revision and the stored bytes of the post's first event, as {@code revision:payload}. */
    private String payload(String post) {
        return jdbc.sql("SELECT payload_revision, payload FROM domain_event_entry WHERE aggregate_identifier = :a AND sequence_number = 0")
                .param("a", AggregateIds.post(new PostId(Long.parseLong(post))))
                .query((rs, i) -> rs.getString(1) + ":" + new String(rs.getBytes(2), StandardCharsets.UTF_8))
                .single();
    }

    private String publishedText(String post) {
        return ((PostPublishedEvent) eventStore.readEvents(AggregateIds.post(new PostId(Long.parseLong(post))), 0).next().getPayload()).text();
    }

    private JsonNode awaitCompleted(long user) {
        return await().atMost(AdminClient.PATIENCE).until(() -> {
            Http.Response r = admin.get("/admin/users/" + user + "/erasure");
            assertThat(r.status()).as(r.raw()).isEqualTo(200);
            return r.json();
        }, s -> !s.get("completedAt").isNull());
    }

    private List<String> followingOf(long user) {
        List<String> ids = new ArrayList<>();
        api.http().get("/api/v1/following?limit=100", api.token(user)).json().get("items").forEach(i -> ids.add(i.asText()));
        return ids;
    }

    private long count(String sql) {
        return jdbc.sql(sql).param("u", erased).query(Long.class).single();
    }

    private double erasures() {
        return meters.counter("feed.erasures").count();
    }

    private static void assertProblem(Http.Response response, int status, String type) {
        assertThat(response.status()).as(response.raw()).isEqualTo(status);
        assertThat(response.contentType()).isEqualTo("application/problem+json");
        assertThat(response.json().get("type").asText()).endsWith("/" + type);
    }
}
