package dev.homefeed.query.homefeed;

import static dev.homefeed.query.api.ProjectionNames.HOME_FEED;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;

import dev.homefeed.command.api.PostId;
import dev.homefeed.command.api.UserId;
import dev.homefeed.projection.lifecycle.TokenPositions;
import dev.homefeed.query.ProjectionsIntegrationTest;
import dev.homefeed.query.api.FeedEntry;
import dev.homefeed.query.support.Awaits;
import dev.homefeed.query.support.Scenario;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.WrappedToken;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The projection converges to the contract's definition however its events meet: follows racing posts on both
 * segments, and every event applied a second time.
 */
@ProjectionsIntegrationTest
class HomeFeedConvergenceIT {

    @Autowired
    Scenario scenario;
    @Autowired
    Awaits awaits;
    @Autowired
    TokenPositions tokens;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    EventProcessingConfiguration processing;
    @Autowired
    TokenStore tokenStore;
    @Autowired
    TransactionManager transactions;

    @Test
    void followsRacingPostsOnBothSegmentsLeaveEveryFeedAsDefined() {
        List<UserId> authors = new ArrayList<>(authorsOnSegment(0, 2));
        authors.addAll(authorsOnSegment(1, 2));
        List<UserId> followers = Scenario.users(24);
        List<UserId> everyone = new ArrayList<>(followers);
        everyone.addAll(authors);
        // Readers, so that the projection keeps their windows and the reads below come from it.
        awaits.awaitWindows(everyone);
        List<Callable<Void>> steps = new ArrayList<>();
        for (UserId follower : followers) {
            for (UserId author : authors) {
                steps.add(() -> {
                    scenario.follow(follower, author);
                    return null;
                });
            }
        }
        for (UserId author : authors) {
            for (int i = 0; i < 8; i++) {
                String text = "post " + i;
                steps.add(() -> {
                    scenario.publish(author, text);
                    return null;
                });
            }
        }
        Collections.shuffle(steps, new Random(42));

        Scenario.inParallel(8, steps);
        awaits.awaitCaughtUp(HOME_FEED);

        for (UserId viewer : everyone) {
            assertThat(scenario.expectedFeed(viewer)).hasSize(authors.contains(viewer) ? 8 : 32);
        }
        scenario.assertFeedsAsModelled(everyone);
    }

    /**
     * A true redelivery, not a replay: the tokens are moved back while the processor is stopped, without a
     * {@code ReplayToken}, so no reset handler clears anything and every event of the scenario is handled again on
     * top of the rows it already produced, as after a crash between the projection's commit and the token's.
     */
    @Test
    void everyEventAppliedTwiceChangesNothing() {
        awaits.awaitCaughtUp(HOME_FEED);
        long before = tokens.head();
        UserId author = Scenario.user();
        UserId other = Scenario.user();
        UserId first = Scenario.user();
        UserId second = Scenario.user();
        List<UserId> users = List.of(author, other, first, second);
        awaits.awaitWindows(users);

        PostId edited = scenario.publish(author, "as first written");
        PostId deleted = scenario.publish(author, "soon deleted");
        PostId byOther = scenario.publish(other, "by the other author");
        scenario.follow(first, author);
        scenario.follow(second, author);
        scenario.follow(second, other);
        scenario.publish(author, "expires tomorrow", Instant.now().plus(1, ChronoUnit.DAYS));
        scenario.edit(edited, author, "edited once");
        scenario.edit(edited, author, "edited twice");
        scenario.delete(deleted, author);
        scenario.unfollow(second, other);
        scenario.follow(first, other);
        scenario.unfollow(second, author);
        scenario.follow(second, author);
        scenario.publish(other, "after the follows");
        scenario.delete(byOther, other);
        awaits.awaitCaughtUp(HOME_FEED);
        Map<String, List<Map<String, Object>>> rows = rows(users);
        Map<UserId, List<FeedEntry>> feeds = feeds(users);
        scenario.assertFeedsAsModelled(users);
        assertThat(feeds.get(first)).extracting(FeedEntry::text).contains("edited twice");

        redeliverFrom(before);
        awaits.awaitCaughtUp(HOME_FEED);

        assertThat(rows(users)).isEqualTo(rows);
        assertThat(feeds(users)).isEqualTo(feeds);
    }

    /** Moves every segment's token back to {@code globalIndex}, keeping the gaps below it, and starts again. */
    private void redeliverFrom(long globalIndex) {
        StreamingEventProcessor processor = processing.eventProcessor(HOME_FEED, StreamingEventProcessor.class).orElseThrow();
        // The processor watchdog may start a stopped processor at any moment; if it did, move the tokens again.
        boolean undisturbed;
        int attempts = 0;
        do {
            processor.shutDown();
            transactions.executeInTransaction(() -> {
                for (int segment : tokenStore.fetchSegments(HOME_FEED)) {
                    GapAwareTrackingToken current = WrappedToken.unwrap(tokenStore.fetchToken(HOME_FEED, segment),
                            GapAwareTrackingToken.class).orElseThrow();
                    assertThat(current.getIndex()).isGreaterThan(globalIndex);
                    tokenStore.storeToken(GapAwareTrackingToken.newInstance(globalIndex, current.getGaps().headSet(globalIndex)),
                            HOME_FEED, segment);
                    tokenStore.releaseClaim(HOME_FEED, segment);
                }
            });
            undisturbed = !processor.isRunning() && tokens.segments(HOME_FEED).stream()
                    .allMatch(segment -> segment.position() == globalIndex);
            processor.start();
        } while (!undisturbed && ++attempts < 5);
        assertThat(undisturbed).as("tokens moved back to %d while the processor was stopped", globalIndex).isTrue();
    }

    /** The projection's tables, not only what a reader sees: a second application must not double or drop a row. */
    private Map<String, List<Map<String, Object>>> rows(List<UserId> users) {
        List<Long> ids = users.stream().map(UserId::value).toList();
        Map<String, List<Map<String, Object>>> rows = new LinkedHashMap<>();
        rows.put("user_feed", jdbc.sql("SELECT * FROM user_feed WHERE viewer_id IN (:users) ORDER BY viewer_id, created_at, post_id")
                .param("users", ids).query().listOfRows());
        rows.put("home_feed_viewer", jdbc.sql("SELECT * FROM home_feed_viewer WHERE viewer_id IN (:users) ORDER BY viewer_id")
                .param("users", ids).query().listOfRows());
        rows.put("home_feed_post", jdbc.sql("SELECT * FROM home_feed_post WHERE author_id IN (:users) ORDER BY post_id")
                .param("users", ids).query().listOfRows());
        rows.put("home_feed_follower", jdbc.sql("""
                        SELECT * FROM home_feed_follower WHERE followee_id IN (:users) OR follower_id IN (:users)
                        ORDER BY followee_id, follower_id""")
                .param("users", ids).query().listOfRows());
        assertThat(rows.values()).allSatisfy(table -> assertThat(table).isNotEmpty());
        return rows;
    }

    private Map<UserId, List<FeedEntry>> feeds(List<UserId> users) {
        Map<UserId, List<FeedEntry>> feeds = new LinkedHashMap<>();
        users.forEach(user -> feeds.put(user, scenario.feed(user)));
        return feeds;
    }

    /**
     * Fresh users whose events land on the given one of the two segments: the author sequencing policy keys an
     * author's events by the decimal id, and a segment takes the hash codes that match its mask.
     */
    private static List<UserId> authorsOnSegment(int segment, int count) {
        List<UserId> authors = new ArrayList<>();
        while (authors.size() < count) {
            UserId user = Scenario.user();
            if ((Long.toString(user.value()).hashCode() & 1) == segment) {
                authors.add(user);
            }
        }
        return authors;
    }
}
