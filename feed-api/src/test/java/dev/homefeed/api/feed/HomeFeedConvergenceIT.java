package dev.homefeed.api.feed;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.databind.JsonNode;
import dev.homefeed.api.support.FeedIntegrationTest;
import dev.homefeed.api.support.Parallel;
import dev.homefeed.api.support.Users;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.WrappedToken;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The projection converges to the contract's definition however its events meet: follows racing posts on both
 * segments, and every event applied a second time.
 */
@FeedIntegrationTest
class HomeFeedConvergenceIT {

    @Autowired
    FeedKit kit;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    EventProcessingConfiguration processing;
    @Autowired
    TokenStore tokenStore;
    @Autowired
    TransactionManager transactions;

    FeedClient api;
    FeedProjection projection;
    FeedModel model;

    @BeforeEach
    void setUp() {
        api = kit.api();
        projection = kit.projection();
        model = new FeedModel();
    }

    @Test
    void followsRacingPostsOnBothSegmentsLeaveEveryFeedAsDefined() {
        List<Long> authors = new ArrayList<>(authorsOnSegment(0, 2));
        authors.addAll(authorsOnSegment(1, 2));
        List<Long> followers = new ArrayList<>();
        for (int i = 0; i < 24; i++) {
            followers.add(Users.next());
        }
        List<Callable<Object>> calls = new ArrayList<>();
        for (long follower : followers) {
            for (long author : authors) {
                calls.add(() -> {
                    api.follow(follower, author);
                    model.followed(follower, author);
                    return null;
                });
            }
        }
        for (long author : authors) {
            for (int i = 0; i < 8; i++) {
                String text = "post " + i;
                calls.add(() -> {
                    model.published(api.publish(author, text), author);
                    return null;
                });
            }
        }
        Collections.shuffle(calls, new Random(42));

        Parallel.run(8, calls);
        projection.awaitCaughtUp();

        for (long viewer : concat(followers, authors)) {
            assertThat(model.feed(viewer)).hasSize(authors.contains(viewer) ? 8 : 32);
            assertThat(api.feedIds(viewer)).as("feed of %d", viewer).containsExactlyElementsOf(model.feed(viewer));
        }
    }

    /**
     * A true redelivery, not a replay: the tokens are moved back while the processor is stopped, without a
     * {@code ReplayToken}, so no reset handler clears anything and every event of the scenario is handled again on
     * top of the rows it already produced, as after a crash between the projection's commit and the token's.
     */
    @Test
    void everyEventAppliedTwiceChangesNothing() {
        projection.awaitCaughtUp();
        long before = projection.head();
        long author = Users.next();
        long other = Users.next();
        long first = Users.next();
        long second = Users.next();
        List<Long> users = List.of(author, other, first, second);

        String edited = publish(author, "as first written");
        String deleted = publish(author, "soon deleted");
        String byOther = publish(other, "by the other author");
        follow(first, author);
        follow(second, author);
        follow(second, other);
        JsonNode expiring = api.publish(author, "expires tomorrow", Instant.now().plus(1, ChronoUnit.DAYS));
        model.published(expiring.get("postId").asText(), author);
        assertThat(api.edit(author, edited, "edited once").status()).isEqualTo(200);
        assertThat(api.edit(author, edited, "edited twice").status()).isEqualTo(200);
        assertThat(api.delete(author, deleted).status()).isEqualTo(204);
        model.deleted(deleted);
        unfollow(second, other);
        follow(first, other);
        unfollow(second, author);
        follow(second, author);
        publish(other, "after the follows");
        assertThat(api.delete(other, byOther).status()).isEqualTo(204);
        model.deleted(byOther);
        projection.awaitCaughtUp();
        Map<String, List<Map<String, Object>>> rows = rows(users);
        Map<Long, List<JsonNode>> feeds = feeds(users);
        users.forEach(user -> assertThat(FeedClient.ids(feeds.get(user))).containsExactlyElementsOf(model.feed(user)));
        assertThat(feeds.get(first)).anySatisfy(item -> assertThat(item.get("text").asText()).isEqualTo("edited twice"));

        redeliverFrom(before);
        projection.awaitCaughtUp();

        assertThat(rows(users)).isEqualTo(rows);
        assertThat(feeds(users)).isEqualTo(feeds);
    }

    /** Moves every segment's token back to {@code globalIndex}, keeping the gaps below it, and starts again. */
    private void redeliverFrom(long globalIndex) {
        StreamingEventProcessor processor = processing.eventProcessor(FeedProjection.GROUP, StreamingEventProcessor.class)
                .orElseThrow();
        // The processor watchdog may start a stopped processor at any moment; if it did, move the tokens again.
        boolean undisturbed;
        int attempts = 0;
        do {
            processor.shutDown();
            transactions.executeInTransaction(() -> {
                for (int segment : tokenStore.fetchSegments(FeedProjection.GROUP)) {
                    GapAwareTrackingToken current = WrappedToken.unwrap(tokenStore.fetchToken(FeedProjection.GROUP, segment),
                            GapAwareTrackingToken.class).orElseThrow();
                    assertThat(current.getIndex()).isGreaterThan(globalIndex);
                    tokenStore.storeToken(GapAwareTrackingToken.newInstance(globalIndex, current.getGaps().headSet(globalIndex)),
                            FeedProjection.GROUP, segment);
                    tokenStore.releaseClaim(FeedProjection.GROUP, segment);
                }
            });
            undisturbed = !processor.isRunning() && projection.tokens().stream()
                    .allMatch(token -> token.map(GapAwareTrackingToken::getIndex).equals(Optional.of(globalIndex)));
            processor.start();
        } while (!undisturbed && ++attempts < 5);
        assertThat(undisturbed).as("tokens moved back to %d while the processor was stopped", globalIndex).isTrue();
    }

    private Map<String, List<Map<String, Object>>> rows(List<Long> users) {
        Map<String, List<Map<String, Object>>> rows = new LinkedHashMap<>();
        rows.put("user_feed", jdbc.sql("SELECT * FROM user_feed WHERE viewer_id IN (:users) ORDER BY viewer_id, created_at, post_id")
                .param("users", users).query().listOfRows());
        rows.put("home_feed_post", jdbc.sql("SELECT * FROM home_feed_post WHERE author_id IN (:users) ORDER BY post_id")
                .param("users", users).query().listOfRows());
        rows.put("home_feed_follower", jdbc.sql("""
                        SELECT * FROM home_feed_follower WHERE followee_id IN (:users) OR follower_id IN (:users)
                        ORDER BY followee_id, follower_id""")
                .param("users", users).query().listOfRows());
        assertThat(rows.values()).allSatisfy(table -> assertThat(table).isNotEmpty());
        return rows;
    }

    private Map<Long, List<JsonNode>> feeds(List<Long> users) {
        Map<Long, List<JsonNode>> feeds = new LinkedHashMap<>();
        users.forEach(user -> feeds.put(user, api.feed(user)));
        return feeds;
    }

    private String publish(long author, String text) {
        String post = api.publish(author, text);
        model.published(post, author);
        return post;
    }

    private void follow(long follower, long followee) {
        api.follow(follower, followee);
        model.followed(follower, followee);
    }

    private void unfollow(long follower, long followee) {
        api.unfollow(follower, followee);
        model.unfollowed(follower, followee);
    }

    /**
     * Fresh users whose events land on the given one of the two segments: the author sequencing policy keys an
     * author's events by the decimal id, and a segment takes the hash codes that match its mask.
     */
    private static List<Long> authorsOnSegment(int segment, int count) {
        List<Long> authors = new ArrayList<>();
        while (authors.size() < count) {
            long user = Users.next();
            if ((Long.toString(user).hashCode() & 1) == segment) {
                authors.add(user);
            }
        }
        return authors;
    }

    private static List<Long> concat(List<Long> first, List<Long> second) {
        List<Long> all = new ArrayList<>(first);
        all.addAll(second);
        return all;
    }
}
