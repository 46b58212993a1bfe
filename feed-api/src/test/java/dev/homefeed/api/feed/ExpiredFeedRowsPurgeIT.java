package dev.homefeed.api.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import dev.homefeed.api.support.FeedIntegrationTest;
import dev.homefeed.api.support.Users;
import dev.homefeed.query.homefeed.ExpiredFeedRowsPurge;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The purge reclaims the rows of expired posts, more than one batch of them, and no reader notices. */
@FeedIntegrationTest
class ExpiredFeedRowsPurgeIT {

    /** One more feed row than a purge batch holds, with the author's own. */
    private static final int FOLLOWERS = 1_000;

    @Autowired
    FeedKit kit;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    ExpiredFeedRowsPurge purge;

    @Test
    void deletesTheRowsOfExpiredPostsOnlyAndLeavesEveryFeedAsItWas() {
        FeedClient api = kit.api();
        FeedProjection projection = kit.projection();
        long author = Users.next();
        List<Long> followers = kit.newFollowers(author, FOLLOWERS);
        Instant expiresAt = Instant.now().plusSeconds(1).truncatedTo(ChronoUnit.MILLIS);
        String expiring = api.publish(author, "gone in a second", expiresAt).get("postId").asText();
        String lasting = api.publish(author, "here to stay");
        String later = api.publish(author, "gone in an hour", Instant.now().plus(1, ChronoUnit.HOURS)).get("postId").asText();
        projection.awaitCaughtUp();
        assertThat(feedRows(expiring)).isEqualTo(FOLLOWERS + 1);
        assertThat(postCopies(expiring)).isOne();

        await().atMost(Duration.ofSeconds(10)).until(() -> Instant.now().isAfter(expiresAt));
        List<Long> viewers = List.of(author, followers.get(0), followers.get(FOLLOWERS - 1));
        viewers.forEach(viewer -> assertThat(api.feedIds(viewer)).containsExactly(later, lasting));
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
        viewers.forEach(viewer -> assertThat(api.feedIds(viewer)).containsExactly(later, lasting));

        long latecomer = Users.next();
        api.follow(latecomer, author);
        projection.awaitCaughtUp();
        assertThat(api.feedIds(latecomer)).containsExactly(later, lasting);
        assertThat(feedRows(expiring)).isZero();
    }

    private long feedRows(String post) {
        return jdbc.sql("SELECT count(*) FROM user_feed WHERE post_id = :post").param("post", Long.parseLong(post))
                .query(Long.class).single();
    }

    private long postCopies(String post) {
        return jdbc.sql("SELECT count(*) FROM home_feed_post WHERE post_id = :post").param("post", Long.parseLong(post))
                .query(Long.class).single();
    }
}
