package dev.homefeed.api.feed;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.JsonNode;
import dev.homefeed.api.support.FeedClient;
import dev.homefeed.api.support.FeedIntegrationTest;
import dev.homefeed.api.support.Http;
import dev.homefeed.command.api.AggregateIds;
import dev.homefeed.command.api.PostId;
import dev.homefeed.projection.lifecycle.ServingProcessors;
import dev.homefeed.query.api.ProjectionNames;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Reading your own writes: every command answers with {@code Feed-Position}, and a feed or read-marker read sent
 * with it as {@code Feed-Min-Position} reflects the write, waiting for the projection or answering from source truth
 * (the feed) or the aggregate (the marker) when the projection does not come in time.
 */
@FeedIntegrationTest(properties = "feed.read-your-writes.max-wait=PT0.3S")
class ReadYourWritesIT {

    private static final AtomicLong USERS = new AtomicLong(ThreadLocalRandom.current().nextLong(1L << 40, 1L << 50));

    @Autowired
    Environment environment;
    @Autowired
    ServingProcessors processors;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    MeterRegistry meters;

    FeedClient api;
    long reader;
    long author;

    @BeforeEach
    void setUp() {
        api = FeedClient.on(environment);
        reader = USERS.incrementAndGet();
        author = USERS.incrementAndGet();
    }

    @Test
    void everyCommandAnswersWithThePositionOfItsLastEvent() {
        long follow = position(api.followResponse(reader, author), 204);
        Http.Response published = api.http().request("POST", "/api/v1/posts").token(api.token(author))
                .header("Idempotency-Key", "ryw-" + author).json("{\"text\": \"first\"}").send();
        long publish = position(published, 201);
        String postId = published.json().get("postId").asText();
        long edit = position(api.edit(author, postId, "first, edited"), 200);
        long marker = position(api.moveMarker(reader, postId), 200);
        long delete = position(api.delete(author, postId), 204);
        long unfollow = position(api.unfollowResponse(reader, author), 204);

        assertThat(new long[] {follow, publish, edit, marker, delete, unfollow}).isSorted().doesNotHaveDuplicates();
        assertThat(unfollow).isEqualTo(head());
    }

    @Test
    void thePositionIsTheCommandsOwnEventWhileOthersWrite() throws Exception {
        AtomicBoolean writing = new AtomicBoolean(true);
        Thread others = new Thread(() -> {
            long follower = USERS.incrementAndGet();
            while (writing.get()) {
                api.follow(follower, USERS.incrementAndGet());
            }
        });
        others.start();
        try {
            for (int i = 0; i < 20; i++) {
                Http.Response published = api.publishResponse(author, "post " + i);
                PostId post = new PostId(Long.parseLong(published.json().get("postId").asText()));

                assertThat(position(published, 201)).isEqualTo(jdbc.sql(
                                "SELECT global_index FROM domain_event_entry WHERE aggregate_identifier = :id AND sequence_number = 0")
                        .param("id", AggregateIds.post(post)).query(Long.class).single());
            }
        } finally {
            writing.set(false);
            others.join();
        }
    }

    @Test
    void aCommandThatChangesNothingAnswersWithTheHead() {
        api.follow(reader, author);
        long head = head();

        assertThat(position(api.followResponse(reader, author), 204)).isEqualTo(head);
        assertThat(position(api.unfollowResponse(reader, USERS.incrementAndGet()), 204)).isEqualTo(head);
    }

    @Test
    void aPostIsInTheFeedReadWithItsPosition() {
        api.follow(reader, author);
        Http.Response published = api.publishResponse(author, "read me at once");
        long position = position(published, 201);

        JsonNode page = pageAt(reader, position);

        assertThat(FeedClient.ids(page.get("items"))).startsWith(published.json().get("postId").asText());
    }

    @Test
    void whileTheProjectionIsStoppedTheFeedIsAnsweredFromSourceTruth() {
        // A reader with a window, so that a read without the header is the projection's, stale while it is stopped.
        api.awaitWindow(reader);
        api.follow(reader, author);
        String older = api.publish(author, "before the stop");
        pageAt(reader, head());

        processors.pausedWhile(ProjectionNames.HOME_FEED, "ReadYourWritesIT", () -> {
            Http.Response published = api.publishResponse(author, "while the projection is stopped");
            String postId = published.json().get("postId").asText();
            long position = position(published, 201);

            assertThat(FeedClient.ids(api.page(reader, 10, null).get("items"))).as("the projection's page").doesNotContain(postId);
            double sourceReads = sourceReads();
            JsonNode page = pageAt(reader, position);
            assertThat(sourceReads()).as("feed_home_feed_reads_total{served_from=source}").isEqualTo(sourceReads + 1);
            assertThat(FeedClient.ids(page.get("items"))).as("the page read with the post's position")
                    .containsExactly(postId, older);
            assertThat(page.at("/freshness/servedFrom").asText()).isEqualTo("source");
            assertThat(page.at("/freshness/lagEvents").asLong()).isZero();
        });
    }

    @Test
    void whileTheProjectionIsStoppedTheMarkerIsAnsweredFromItsAggregate() {
        String first = api.publish(author, "first");
        long firstMove = position(api.moveMarker(reader, first), 200);
        assertThat(markerAt(reader, firstMove).get("lastSeenPostId").asText()).isEqualTo(first);
        String second = api.publish(author, "second");

        processors.pausedWhile(ProjectionNames.READ_MARKER, "ReadYourWritesIT", () -> {
            long secondMove = position(api.moveMarker(reader, second), 200);

            assertThat(api.marker(reader).json().get("lastSeenPostId").asText()).as("the projection's marker").isEqualTo(first);
            assertThat(markerAt(reader, secondMove).get("lastSeenPostId").asText()).isEqualTo(second);
        });
    }

    @Test
    void aViewerWithoutAMarkerStillGetsNotFoundWithAPosition() {
        Http.Response reply = api.http().request("GET", "/api/v1/feed/cursor").token(api.token(reader))
                .header("Feed-Min-Position", Long.toString(head())).send();

        assertThat(reply.status()).isEqualTo(404);
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc", "-1", "1.5", "01", "99999999999999999999", " 1 2"})
    void aMalformedPositionIsABadRequest(String header) {
        for (String path : new String[] {"/api/v1/feed", "/api/v1/feed/cursor"}) {
            Http.Response reply = api.http().request("GET", path).token(api.token(reader)).header("Feed-Min-Position", header).send();

            assertThat(reply.status()).as(path + " " + reply.raw()).isEqualTo(400);
            assertThat(reply.contentType()).startsWith("application/problem+json");
            assertThat(reply.json().at("/errors/0/field").asText()).isEqualTo("Feed-Min-Position");
        }
    }

    @Test
    void aPositionAboveTheHeadIsABadRequest() {
        Http.Response reply = api.http().request("GET", "/api/v1/feed").token(api.token(reader))
                .header("Feed-Min-Position", Long.toString(head() + 1_000)).send();

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.json().get("detail").asText()).contains("head");
    }

    private JsonNode pageAt(long viewer, long position) {
        Http.Response reply = api.http().request("GET", "/api/v1/feed?limit=10").token(api.token(viewer))
                .header("Feed-Min-Position", Long.toString(position)).send();
        assertThat(reply.status()).as(reply.raw()).isEqualTo(200);
        return reply.json();
    }

    private JsonNode markerAt(long viewer, long position) {
        Http.Response reply = api.http().request("GET", "/api/v1/feed/cursor").token(api.token(viewer))
                .header("Feed-Min-Position", Long.toString(position)).send();
        assertThat(reply.status()).as(reply.raw()).isEqualTo(200);
        return reply.json();
    }

    private double sourceReads() {
        return meters.get("feed.home-feed.reads").tag("served_from", "source").counter().count();
    }

    /** The event store's head, read from its table. */
    private long head() {
        return jdbc.sql("SELECT coalesce(max(global_index), 0) FROM domain_event_entry").query(Long.class).single();
    }

    private static long position(Http.Response reply, int status) {
        assertThat(reply.status()).as(reply.raw()).isEqualTo(status);
        return Long.parseLong(reply.header("Feed-Position").orElseThrow(() -> new AssertionError("no Feed-Position: " + reply.raw())));
    }
}
