package dev.homefeed.query.homefeed;

import static dev.homefeed.query.api.ProjectionNames.HOME_FEED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import dev.homefeed.command.api.PostId;
import dev.homefeed.command.api.UserId;
import dev.homefeed.query.ProjectionsIntegrationTest;
import dev.homefeed.query.support.Awaits;
import dev.homefeed.query.support.Scenario;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The purge reclaims the rows of expired posts, more than one batch of them, and no reader notices. Rows are counted
 * in the projection's tables: reclaiming them is all the purge is for, and readers cannot see it.
 */
@ProjectionsIntegrationTest
class ExpiredFeedRowsPurgeIT {

    /** One more feed row than a purge batch holds, with the author's own. */
    private static final int FOLLOWERS = 1_000;

    @Autowired
    Scenario scenario;
    @Autowired
    Awaits awaits;
    @Autowired
    ExpiredFeedRowsPurge purge;
    @Autowired
    JdbcClient jdbc;

    @Test
    void deletesTheRowsOfExpiredPostsOnlyAndLeavesEveryFeedAsItWas() {
        UserId author = Scenario.user();
        List<UserId> followers = scenario.newFollowers(author, FOLLOWERS);
        List<UserId> readers = new ArrayList<>(followers);
        readers.add(author);
        awaits.awaitWindows(readers);
        Instant expiresAt = Instant.now().plusSeconds(1).truncatedTo(ChronoUnit.MILLIS);
        PostId expiring = scenario.publish(author, "gone in a second", expiresAt);
        PostId lasting = scenario.publish(author, "here to stay");
        PostId later = scenario.publish(author, "gone in an hour", Instant.now().plus(1, ChronoUnit.HOURS));
        awaits.awaitCaughtUp(HOME_FEED);
        assertThat(feedRows(expiring)).isEqualTo(FOLLOWERS + 1);
        assertThat(postCopies(expiring)).isOne();

        await().atMost(Duration.ofSeconds(10)).until(() -> Instant.now().isAfter(expiresAt));
        List<UserId> viewers = List.of(author, followers.get(0), followers.get(FOLLOWERS - 1));
        viewers.forEach(viewer -> assertThat(scenario.feedIds(viewer)).containsExactly(later.value(), lasting.value()));
        assertThat(feedRows(expiring)).as("hidden by the read, still stored").isEqualTo(FOLLOWERS + 1);

        purge.purgeExpiredBefore(expiresAt);
        assertThat(feedRows(expiring)).as("expired at the cutoff, not before it").isEqualTo(FOLLOWERS + 1);

        int purged = purge.purgeExpiredBefore(Instant.now());

        assertThat(purged).isGreaterThanOrEqualTo(FOLLOWERS + 2);
        assertThat(feedRows(expiring)).isZero();
        assertThat(postCopies(expiring)).isZero();
        assertThat(feedRows(lasting)).isEqualTo(FOLLOWERS + 1);
        assertThat(feedRows(later)).isEqualTo(FOLLOWERS + 1);
        assertThat(postCopies(lasting) + postCopies(later)).isEqualTo(2);
        viewers.forEach(viewer -> assertThat(scenario.feedIds(viewer)).containsExactly(later.value(), lasting.value()));

        UserId latecomer = Scenario.user();
        scenario.follow(latecomer, author);
        awaits.awaitCaughtUp(HOME_FEED);
        assertThat(scenario.feedIds(latecomer)).containsExactly(later.value(), lasting.value());
        assertThat(feedRows(expiring)).isZero();
    }

    private long feedRows(PostId post) {
        return jdbc.sql("SELECT count(*) FROM user_feed WHERE post_id = :post").param("post", post.value())
                .query(Long.class).single();
    }

    private long postCopies(PostId post) {
        return jdbc.sql("SELECT count(*) FROM home_feed_post WHERE post_id = :post").param("post", post.value())
                .query(Long.class).single();
    }
}
