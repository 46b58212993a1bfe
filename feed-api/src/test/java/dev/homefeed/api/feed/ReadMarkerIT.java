package dev.homefeed.api.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.JsonNode;
import dev.homefeed.api.support.FeedClient;
import dev.homefeed.api.support.FeedIntegrationTest;
import dev.homefeed.api.support.Http;
import dev.homefeed.api.wire.Timestamps;
import dev.homefeed.command.api.AggregateIds;
import dev.homefeed.command.api.PostId;
import dev.homefeed.command.api.UserId;
import dev.homefeed.command.api.marker.MoveReadMarkerCommand;
import dev.homefeed.command.api.marker.ReadMarkerMovedEvent;
import dev.homefeed.command.api.post.PublishPostCommand;
import dev.homefeed.command.post.PostIdGenerator;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;

/** The read marker end to end: HTTP, the marker aggregate on the real event store, the projection on PostgreSQL. */
@FeedIntegrationTest
class ReadMarkerIT {

    private static final Duration PROJECTION = Duration.ofSeconds(30);
    /** Users of their own per test: the application context, and with it the database, is shared with other ITs. */
    private static final AtomicLong USERS = new AtomicLong(ThreadLocalRandom.current().nextLong(1L << 40, 1L << 50));

    @Autowired
    Environment environment;
    @Autowired
    EventStore eventStore;
    @Autowired
    CommandGateway commands;
    @Autowired
    PostIdGenerator postIds;
    @Autowired
    EventProcessingConfiguration processing;

    FeedClient api;
    long viewer;
    long author;

    @BeforeEach
    void setUp() {
        api = FeedClient.on(environment);
        viewer = USERS.incrementAndGet();
        author = USERS.incrementAndGet();
    }

    @Test
    void answersNotFoundBeforeAnyMarkerIsSet() {
        Http.Response reply = get(viewer);

        assertThat(reply.status()).isEqualTo(404);
        assertThat(reply.contentType()).startsWith("application/problem+json");
        assertThat(reply.json().path("type").asText()).endsWith("/marker-not-set");
    }

    @Test
    void movesTheMarkerAndAnswersWithIt() {
        JsonNode post = publish();

        Http.Response reply = put(viewer, post.get("postId").asText());

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().get("lastSeenPostId").isTextual()).isTrue();
        assertThat(reply.json().get("lastSeenPostId").asText()).isEqualTo(post.get("postId").asText());
        assertThat(reply.json().get("lastSeenAt").asText()).isEqualTo(post.get("createdAt").asText());
        assertThat(reply.json().get("updatedAt").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
        await().atMost(PROJECTION).untilAsserted(() -> assertThat(get(viewer).json()).isEqualTo(reply.json()));
    }

    @Test
    void keepsTheStoredMarkerForAnOlderOrEqualPost() {
        String older = publish().get("postId").asText();
        String newer = publish().get("postId").asText();
        JsonNode stored = put(viewer, newer).json();

        Http.Response olderReply = put(viewer, older);
        Http.Response equalReply = put(viewer, newer);

        assertThat(olderReply.status()).isEqualTo(200);
        assertThat(olderReply.json()).isEqualTo(stored);
        assertThat(equalReply.status()).isEqualTo(200);
        assertThat(equalReply.json()).isEqualTo(stored);
        assertThat(markerEvents(viewer)).hasSize(1);
        await().atMost(PROJECTION).untilAsserted(() -> assertThat(get(viewer).json()).isEqualTo(stored));
    }

    @Test
    void refusesAPostThatNeverExisted() {
        Http.Response reply = put(viewer, Long.toString(Long.MAX_VALUE));

        assertThat(reply.status()).isEqualTo(404);
        assertThat(reply.contentType()).startsWith("application/problem+json");
        assertThat(reply.json().path("type").asText()).endsWith("/post-not-found");
        assertThat(markerEvents(viewer)).isEmpty();
    }

    @Test
    void acceptsADeletedPostBecauseItExisted() {
        String postId = publish().get("postId").asText();
        assertThat(api.delete(author, postId).status()).isEqualTo(204);

        Http.Response reply = put(viewer, postId);

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().get("lastSeenPostId").asText()).isEqualTo(postId);
    }

    @Test
    void projectsThePostsCreationTimeAndTheEventsTime() {
        JsonNode post = publish();
        put(viewer, post.get("postId").asText());
        ReadMarkerMovedEvent moved = markerEvents(viewer).get(0);

        await().atMost(PROJECTION).untilAsserted(() -> {
            JsonNode marker = get(viewer).json();
            assertThat(marker.path("lastSeenPostId").asText()).isEqualTo(post.get("postId").asText());
            assertThat(marker.path("lastSeenAt").asText()).isEqualTo(post.get("createdAt").asText());
            assertThat(marker.path("updatedAt").asText()).isEqualTo(Timestamps.format(moved.movedAt()));
        });
    }

    @Test
    void replayRebuildsTheSameMarkers() {
        put(viewer, publish().get("postId").asText());
        JsonNode moved = put(viewer, publish().get("postId").asText()).json();
        await().atMost(PROJECTION).untilAsserted(() -> assertThat(get(viewer).json()).isEqualTo(moved));

        StreamingEventProcessor processor = processing.eventProcessor("read-marker", StreamingEventProcessor.class).orElseThrow();
        processor.shutDown();
        try {
            processor.resetTokens();
            assertThat(get(viewer).status()).isEqualTo(404);
        } finally {
            processor.start();
        }

        await().atMost(PROJECTION).untilAsserted(() -> assertThat(get(viewer).json()).isEqualTo(moved));
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"lastSeenPostId\": 7}", "{\"lastSeenPostId\": \"007\"}", "{}", "{\"lastSeenPostId\": null}",
            "{\"lastSeenPostId\": \"0\"}", "{\"lastSeenPostId\": \"9223372036854775808\"}"})
    void refusesABodyWithoutACanonicalIdString(String body) {
        Http.Response reply = api.http().request("PUT", "/api/v1/feed/cursor").token(api.token(viewer)).json(body).send();

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.contentType()).startsWith("application/problem+json");
        assertThat(reply.json().path("errors").path(0).path("field").asText()).isEqualTo("lastSeenPostId");
    }

    @Test
    void keepsEachViewersMarkerToThemselves() {
        long other = USERS.incrementAndGet();
        JsonNode moved = put(viewer, publish().get("postId").asText()).json();
        await().atMost(PROJECTION).untilAsserted(() -> assertThat(get(viewer).json()).isEqualTo(moved));

        assertThat(get(other).status()).isEqualTo(404);
    }

    @Test
    void snapshotsTheMarkerAndLoadsItFromTheSnapshot() {
        List<PostId> posts = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            PostId postId = postIds.next();
            commands.sendAndWait(new PublishPostCommand(postId, new UserId(author), "post " + i, null, null));
            posts.add(postId);
        }
        for (PostId postId : posts) {
            commands.sendAndWait(new MoveReadMarkerCommand(new UserId(viewer), postId));
        }

        DomainEventMessage<?> first = eventStore.readEvents(AggregateIds.marker(new UserId(viewer))).peek();
        assertThat(first.getPayload()).isNotInstanceOf(ReadMarkerMovedEvent.class);
        assertThat(first.getSequenceNumber()).isEqualTo(99);

        Http.Response reply = put(viewer, posts.get(0).toString());
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().get("lastSeenPostId").asText()).isEqualTo(posts.get(99).toString());
        assertThat(reply.json().get("lastSeenAt").asText()).isEqualTo(Timestamps.format(posts.get(99).createdAt()));
    }

    private List<ReadMarkerMovedEvent> markerEvents(long user) {
        return eventStore.readEvents(AggregateIds.marker(new UserId(user)), 0).asStream()
                .map(event -> (ReadMarkerMovedEvent) event.getPayload()).toList();
    }

    private JsonNode publish() {
        return api.publish(author, "hello", null);
    }

    private Http.Response get(long user) {
        return api.marker(user);
    }

    private Http.Response put(long user, String postId) {
        return api.moveMarker(user, postId);
    }
}
