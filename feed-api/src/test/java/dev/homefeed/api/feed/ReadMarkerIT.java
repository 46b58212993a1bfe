package dev.homefeed.api.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.homefeed.api.support.FeedIntegrationTest;
import dev.homefeed.api.support.Tokens;
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
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.env.Environment;

/** The read marker end to end: HTTP, the marker aggregate on the real event store, the projection on PostgreSQL. */
@FeedIntegrationTest
class ReadMarkerIT {

    private static final Duration PROJECTION = Duration.ofSeconds(30);
    /** Users of their own per test: the application context, and with it the database, is shared with other ITs. */
    private static final AtomicLong USERS = new AtomicLong(ThreadLocalRandom.current().nextLong(1L << 40, 1L << 50));

    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();

    @LocalServerPort
    int port;
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

    Tokens tokens;
    long viewer;
    long author;

    @BeforeEach
    void setUp() {
        tokens = new Tokens(environment);
        viewer = USERS.incrementAndGet();
        author = USERS.incrementAndGet();
    }

    @Test
    void answersNotFoundBeforeAnyMarkerIsSet() throws Exception {
        Reply reply = get(viewer);

        assertThat(reply.status()).isEqualTo(404);
        assertThat(reply.contentType()).startsWith("application/problem+json");
        assertThat(reply.body().path("type").asText()).endsWith("/marker-not-set");
    }

    @Test
    void movesTheMarkerAndAnswersWithIt() throws Exception {
        JsonNode post = publish();

        Reply reply = put(viewer, post.get("postId").asText());

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.body().get("lastSeenPostId").isTextual()).isTrue();
        assertThat(reply.body().get("lastSeenPostId").asText()).isEqualTo(post.get("postId").asText());
        assertThat(reply.body().get("lastSeenAt").asText()).isEqualTo(post.get("createdAt").asText());
        assertThat(reply.body().get("updatedAt").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
        await().atMost(PROJECTION).untilAsserted(() -> assertThat(get(viewer).body()).isEqualTo(reply.body()));
    }

    @Test
    void keepsTheStoredMarkerForAnOlderOrEqualPost() throws Exception {
        String older = publish().get("postId").asText();
        String newer = publish().get("postId").asText();
        JsonNode stored = put(viewer, newer).body();

        Reply olderReply = put(viewer, older);
        Reply equalReply = put(viewer, newer);

        assertThat(olderReply.status()).isEqualTo(200);
        assertThat(olderReply.body()).isEqualTo(stored);
        assertThat(equalReply.status()).isEqualTo(200);
        assertThat(equalReply.body()).isEqualTo(stored);
        assertThat(markerEvents(viewer)).hasSize(1);
        await().atMost(PROJECTION).untilAsserted(() -> assertThat(get(viewer).body()).isEqualTo(stored));
    }

    @Test
    void refusesAPostThatNeverExisted() throws Exception {
        Reply reply = put(viewer, Long.toString(Long.MAX_VALUE));

        assertThat(reply.status()).isEqualTo(404);
        assertThat(reply.contentType()).startsWith("application/problem+json");
        assertThat(reply.body().path("type").asText()).endsWith("/post-not-found");
        assertThat(markerEvents(viewer)).isEmpty();
    }

    @Test
    void acceptsADeletedPostBecauseItExisted() throws Exception {
        String postId = publish().get("postId").asText();
        assertThat(send("DELETE", "/api/v1/posts/" + postId, author, null).status()).isEqualTo(204);

        Reply reply = put(viewer, postId);

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.body().get("lastSeenPostId").asText()).isEqualTo(postId);
    }

    @Test
    void projectsThePostsCreationTimeAndTheEventsTime() throws Exception {
        JsonNode post = publish();
        put(viewer, post.get("postId").asText());
        ReadMarkerMovedEvent moved = markerEvents(viewer).get(0);

        await().atMost(PROJECTION).untilAsserted(() -> {
            JsonNode marker = get(viewer).body();
            assertThat(marker.path("lastSeenPostId").asText()).isEqualTo(post.get("postId").asText());
            assertThat(marker.path("lastSeenAt").asText()).isEqualTo(post.get("createdAt").asText());
            assertThat(marker.path("updatedAt").asText()).isEqualTo(Timestamps.format(moved.movedAt()));
        });
    }

    @Test
    void replayRebuildsTheSameMarkers() throws Exception {
        put(viewer, publish().get("postId").asText());
        JsonNode moved = put(viewer, publish().get("postId").asText()).body();
        await().atMost(PROJECTION).untilAsserted(() -> assertThat(get(viewer).body()).isEqualTo(moved));

        StreamingEventProcessor processor = processing.eventProcessor("read-marker", StreamingEventProcessor.class).orElseThrow();
        processor.shutDown();
        try {
            processor.resetTokens();
            assertThat(get(viewer).status()).isEqualTo(404);
        } finally {
            processor.start();
        }

        await().atMost(PROJECTION).untilAsserted(() -> assertThat(get(viewer).body()).isEqualTo(moved));
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"lastSeenPostId\": 7}", "{\"lastSeenPostId\": \"007\"}", "{}", "{\"lastSeenPostId\": null}",
            "{\"lastSeenPostId\": \"0\"}", "{\"lastSeenPostId\": \"9223372036854775808\"}"})
    void refusesABodyWithoutACanonicalIdString(String body) throws Exception {
        Reply reply = send("PUT", "/api/v1/feed/cursor", viewer, body);

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.contentType()).startsWith("application/problem+json");
        assertThat(reply.body().path("errors").path(0).path("field").asText()).isEqualTo("lastSeenPostId");
    }

    @Test
    void keepsEachViewersMarkerToThemselves() throws Exception {
        long other = USERS.incrementAndGet();
        JsonNode moved = put(viewer, publish().get("postId").asText()).body();
        await().atMost(PROJECTION).untilAsserted(() -> assertThat(get(viewer).body()).isEqualTo(moved));

        assertThat(get(other).status()).isEqualTo(404);
    }

    @Test
    void snapshotsTheMarkerAndLoadsItFromTheSnapshot() throws Exception {
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

        Reply reply = put(viewer, posts.get(0).toString());
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.body().get("lastSeenPostId").asText()).isEqualTo(posts.get(99).toString());
        assertThat(reply.body().get("lastSeenAt").asText()).isEqualTo(Timestamps.format(posts.get(99).createdAt()));
    }

    private List<ReadMarkerMovedEvent> markerEvents(long user) {
        return eventStore.readEvents(AggregateIds.marker(new UserId(user)), 0).asStream()
                .map(event -> (ReadMarkerMovedEvent) event.getPayload()).toList();
    }

    private JsonNode publish() throws Exception {
        Reply reply = send("POST", "/api/v1/posts", author, "{\"text\": \"hello\"}");
        assertThat(reply.status()).isEqualTo(201);
        return reply.body();
    }

    private Reply get(long user) throws Exception {
        return send("GET", "/api/v1/feed/cursor", user, null);
    }

    private Reply put(long user, String postId) throws Exception {
        return send("PUT", "/api/v1/feed/cursor", user, json.createObjectNode().put("lastSeenPostId", postId).toString());
    }

    private Reply send(String method, String path, long user, String body) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", "Bearer " + tokens.user(user))
                .method(method, body == null ? BodyPublishers.noBody() : BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        var response = http.send(request.build(), BodyHandlers.ofString());
        JsonNode parsed = response.body().isEmpty() ? null : json.readTree(response.body());
        return new Reply(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""), parsed);
    }

    private record Reply(int status, String contentType, JsonNode body) {
    }
}
