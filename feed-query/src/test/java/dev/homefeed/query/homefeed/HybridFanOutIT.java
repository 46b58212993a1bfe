package dev.homefeed.query.homefeed;

import static dev.homefeed.query.api.ProjectionNames.HOME_FEED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.homefeed.command.api.PostId;
import dev.homefeed.command.api.UserId;
import dev.homefeed.query.ProjectionsIntegrationTest;
import dev.homefeed.query.support.Awaits;
import dev.homefeed.query.support.Scenario;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Hybrid push/pull gives the same feeds as full fan-out on the same events. With a threshold of 3 followers, one
 * author crosses it upwards, back down and upwards again, with edits, deletes, an expiring post, unfollows and
 * refollows in between; every feed, read in small pages so that pulled and pushed rows interleave across pages, is
 * compared with the contract's definition, then the projection is replayed with fan-out for everybody and compared
 * again, and replayed once more under the threshold (whole runs of follows and unfollows in one batch).
 */
@ProjectionsIntegrationTest
class HybridFanOutIT {

    @Autowired
    Scenario scenario;
    @Autowired
    Awaits awaits;
    @Autowired
    FanOutThreshold threshold;
    @Autowired
    JdbcClient jdbc;

    int configured;

    @BeforeEach
    void lowerTheThreshold() {
        configured = threshold.followers();
        threshold.set(3);
    }

    /** The context is shared: every author is fanned out or pulled again as the configured threshold has it. */
    @AfterEach
    void restoreTheThreshold() {
        threshold.set(configured);
        awaits.replayAndAwait(HOME_FEED);
    }

    @Test
    void hybridAndFullFanOutServeTheSameFeeds() {
        UserId celebrity = Scenario.user();
        UserId other = Scenario.user();
        List<UserId> viewers = Scenario.users(7);

        PostId early = scenario.publish(celebrity, "before anyone follows");
        PostId expiring = scenario.publish(celebrity, "brief", Instant.now().plusSeconds(12));
        scenario.publish(other, "from another author");
        for (int i = 0; i < 3; i++) {
            scenario.follow(viewers.get(i), celebrity);                     // 3 followers: still fanned out
        }
        scenario.follow(viewers.get(0), other);
        PostId pushed = scenario.publish(celebrity, "fanned out");
        scenario.follow(viewers.get(3), celebrity);                         // 4 > 3: pulled from now on
        awaitPulled(celebrity, true);
        PostId pulled = scenario.publish(celebrity, "pulled");
        scenario.edit(early, celebrity, "edited while pulled");
        scenario.delete(pushed, celebrity);
        scenario.follow(viewers.get(4), celebrity);
        scenario.unfollow(viewers.get(0), celebrity);
        scenario.follow(viewers.get(0), celebrity);                         // refollow while pulled
        scenario.unfollow(viewers.get(1), celebrity);
        scenario.unfollow(viewers.get(2), celebrity);                       // 3 left: fanned out again
        awaitPulled(celebrity, false);
        scenario.publish(celebrity, "fanned out again");
        scenario.follow(viewers.get(5), celebrity);                         // 4 > 3: pulled again
        awaitPulled(celebrity, true);
        scenario.publish(celebrity, "pulled again");
        scenario.publish(viewers.get(6), "a viewer's own post");
        for (int i = 0; i < 3; i++) {
            scenario.publish(other, "other " + i);
        }
        awaits.awaitCaughtUp(HOME_FEED);
        List<UserId> everyone = new ArrayList<>(viewers);
        everyone.add(celebrity);
        everyone.add(other);

        assertThat(feedsInPagesOfTwo(everyone).get(viewers.get(0))).contains(expiring.value(), pulled.value(), early.value());
        await().atMost(Duration.ofSeconds(20)).until(() -> !scenario.feedIds(celebrity).contains(expiring.value()));

        Map<UserId, List<Long>> hybrid = feedsInPagesOfTwo(everyone);
        for (UserId viewer : everyone) {
            assertThat(hybrid.get(viewer)).as("viewer %s", viewer).isEqualTo(scenario.expectedFeed(viewer));
        }
        scenario.assertFeedsAsModelled(everyone);
        assertThat(scenario.textOf(viewers.get(4), early)).isEqualTo("edited while pulled");

        threshold.set(Integer.MAX_VALUE);
        awaits.replayAndAwait(HOME_FEED);
        assertThat(isPulled(celebrity)).isFalse();

        assertThat(feedsInPagesOfTwo(everyone)).isEqualTo(hybrid);
        assertThat(scenario.textOf(viewers.get(4), early)).isEqualTo("edited while pulled");

        // A replay applies the whole history in a few batches, crossing the threshold up, down and up again inside
        // them: the same feeds again.
        threshold.set(3);
        awaits.replayAndAwait(HOME_FEED);
        assertThat(isPulled(celebrity)).isTrue();
        assertThat(feedsInPagesOfTwo(everyone)).isEqualTo(hybrid);
        assertThat(scenario.textOf(viewers.get(4), early)).isEqualTo("edited while pulled");
    }

    private void awaitPulled(UserId author, boolean pulled) {
        awaits.awaitCaughtUp(HOME_FEED);
        assertThat(isPulled(author)).isEqualTo(pulled);
    }

    /** The projection's own record of the author's mode: without it, a pull path that never ran would pass unseen. */
    private boolean isPulled(UserId author) {
        return jdbc.sql("SELECT coalesce(bool_or(pulled), false) FROM home_feed_author WHERE author_id = :author")
                .param("author", author.value()).query(Boolean.class).single();
    }

    /** Every feed read in pages of 2, so that pulled and pushed posts meet at page boundaries. */
    private Map<UserId, List<Long>> feedsInPagesOfTwo(List<UserId> viewers) {
        Map<UserId, List<Long>> feeds = new LinkedHashMap<>();
        for (UserId viewer : viewers) {
            feeds.put(viewer, Scenario.ids(scenario.feedInPagesOf(viewer, 2)));
        }
        return feeds;
    }
}
