package dev.homefeed.api.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import dev.homefeed.api.support.FeedIntegrationTest;
import dev.homefeed.api.support.Http;
import dev.homefeed.api.support.Tokens;
import dev.homefeed.api.support.Users;
import dev.homefeed.command.api.UserId;
import dev.homefeed.command.api.follow.FollowUserCommand;
import dev.homefeed.query.homefeed.ExpiredFeedRowsPurge;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.serialization.Serializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The purge reclaims the rows of expired posts, more than one batch of them, and no reader notices. */
@FeedIntegrationTest
class ExpiredFeedRowsPurgeIT {

    /** One more feed row than a purge batch holds, with the author's own. */
    private static final int FOLLOWERS = 1_000;

    @LocalServerPort
    int port;
    @Autowired
    Environment environment;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    @Qualifier("serializer")
    Serializer serializer;
    @Autowired
    CommandGateway commands;
    @Autowired
    ExpiredFeedRowsPurge purge;

    @Test
    void deletesTheRowsOfExpiredPostsOnlyAndLeavesEveryFeedAsItWas() {
        FeedClient api = new FeedClient(new Http(port), new Tokens(environment));
        FeedProjection projection = new FeedProjection(jdbc, serializer);
        long author = Users.next();
        List<Long> followers = new ArrayList<>();
        List<Callable<Object>> follows = new ArrayList<>();
        for (int i = 0; i < FOLLOWERS; i++) {
            long follower = Users.next();
            followers.add(follower);
            follows.add(() -> commands.sendAndWait(new FollowUserCommand(new UserId(follower), new UserId(author))));
        }
        Parallel.run(4, follows);
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
