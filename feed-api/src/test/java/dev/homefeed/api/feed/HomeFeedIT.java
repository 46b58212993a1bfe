package dev.homefeed.api.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.homefeed.api.support.AdminClient;
import dev.homefeed.api.support.FeedClient;
import dev.homefeed.api.support.FeedIntegrationTest;
import dev.homefeed.api.support.Http;
import dev.homefeed.api.support.Users;
import dev.homefeed.command.api.PostId;
import dev.homefeed.command.api.UserId;
import dev.homefeed.command.api.post.PublishPostCommand;
import dev.homefeed.command.post.PostIdGenerator;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The Home feed section of the contract, rule by rule, over HTTP as new users would meet it. */
@FeedIntegrationTest
class HomeFeedIT {

    private static final Duration PROJECTION = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();

    @Autowired
    Environment environment;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    CommandGateway commands;
    @Autowired
    PostIdGenerator postIds;

    FeedClient api;
    AdminClient admin;

    @BeforeEach
    void setUp() {
        api = FeedClient.on(environment);
        admin = AdminClient.on(environment);
    }

    @Test
    void showsTheViewersOwnPostsNewestFirst() {
        long me = Users.next();
        JsonNode first = api.publish(me, "first", null);
        JsonNode second = api.publish(me, "second", null);

        await().atMost(PROJECTION).untilAsserted(() -> assertThat(api.feed(me)).containsExactly(item(second), item(first)));
    }

    @Test
    void bringsInEveryPostOfAFolloweeIncludingThosePublishedBeforeTheFollow() {
        long author = Users.next();
        long viewer = Users.next();
        String before = api.publish(author, "before the follow");
        api.follow(viewer, author);
        String after = api.publish(author, "after the follow");
        String own = api.publish(viewer, "the viewer's own");

        await().atMost(PROJECTION).untilAsserted(() -> assertThat(api.feedIds(viewer)).containsExactly(own, after, before));
        assertThat(api.feedIds(author)).containsExactly(after, before);
    }

    @Test
    void unfollowingRemovesTheFolloweesPostsAndKeepsTheViewersOwn() {
        long author = Users.next();
        long viewer = Users.next();
        api.follow(viewer, author);
        String first = api.publish(author, "one");
        String second = api.publish(author, "two");
        String own = api.publish(viewer, "mine");
        await().atMost(PROJECTION).untilAsserted(() -> assertThat(api.feedIds(viewer)).containsExactly(own, second, first));

        api.unfollow(viewer, author);

        await().atMost(PROJECTION).untilAsserted(() -> assertThat(api.feedIds(viewer)).containsExactly(own));
        assertThat(api.feedIds(author)).containsExactly(second, first);
    }

    @Test
    void followingAgainBringsBackEveryLivePostAsItNowStands() {
        long author = Users.next();
        long viewer = Users.next();
        api.follow(viewer, author);
        String edited = api.publish(author, "as first written");
        String deleted = api.publish(author, "soon deleted");
        await().atMost(PROJECTION).untilAsserted(() -> assertThat(api.feedIds(viewer)).containsExactly(deleted, edited));

        api.unfollow(viewer, author);
        await().atMost(PROJECTION).untilAsserted(() -> assertThat(api.feedIds(viewer)).isEmpty());
        String later = api.publish(author, "while unfollowed");
        assertThat(api.edit(author, edited, "edited while unfollowed").status()).isEqualTo(200);
        assertThat(api.delete(author, deleted).status()).isEqualTo(204);
        api.follow(viewer, author);

        await().atMost(PROJECTION).untilAsserted(() -> assertThat(api.feed(viewer)).extracting(item -> item.get("text").asText())
                .containsExactly("while unfollowed", "edited while unfollowed"));
        assertThat(api.feedIds(viewer)).containsExactly(later, edited);
    }

    @Test
    void showsAnEditInEveryFeedThatHoldsThePost() {
        long author = Users.next();
        List<Long> viewers = List.of(author, Users.next(), Users.next(), Users.next());
        viewers.subList(1, viewers.size()).forEach(follower -> api.follow(follower, author));
        JsonNode post = api.publish(author, "before the edit", null);
        await().atMost(PROJECTION).untilAsserted(() -> viewers.forEach(viewer ->
                assertThat(api.feed(viewer)).containsExactly(item(post))));

        Http.Response edit = api.edit(author, post.get("postId").asText(), "after the edit");
        assertThat(edit.status()).isEqualTo(200);

        ObjectNode expected = item(post).put("text", "after the edit");
        await().atMost(PROJECTION).untilAsserted(() -> viewers.forEach(viewer ->
                assertThat(api.feed(viewer)).containsExactly(expected)));
    }

    @Test
    void editsAndDeletesReachFeedsThatGotThePostByALaterFollow() {
        long author = Users.next();
        long early = Users.next();
        long late = Users.next();
        long leaver = Users.next();
        api.follow(early, author);
        api.follow(leaver, author);
        JsonNode edited = api.publish(author, "before the edit", null);
        String deleted = api.publish(author, "to be deleted");
        api.follow(late, author);
        api.unfollow(leaver, author);
        api.follow(leaver, author);
        await().atMost(PROJECTION).untilAsserted(() -> List.of(author, early, late, leaver).forEach(viewer ->
                assertThat(api.feedIds(viewer)).containsExactly(deleted, edited.get("postId").asText())));

        assertThat(api.edit(author, edited.get("postId").asText(), "after the edit").status()).isEqualTo(200);
        assertThat(api.delete(author, deleted).status()).isEqualTo(204);

        ObjectNode expected = item(edited).put("text", "after the edit");
        await().atMost(PROJECTION).untilAsserted(() -> List.of(author, early, late, leaver).forEach(viewer ->
                assertThat(api.feed(viewer)).containsExactly(expected)));
    }

    @Test
    void removesADeletedPostEverywhereAndNeverGivesItToALaterFollower() {
        long author = Users.next();
        long follower = Users.next();
        api.follow(follower, author);
        String gone = api.publish(author, "to be deleted");
        String kept = api.publish(author, "to be kept");
        await().atMost(PROJECTION).untilAsserted(() -> assertThat(api.feedIds(follower)).containsExactly(kept, gone));

        assertThat(api.delete(author, gone).status()).isEqualTo(204);
        await().atMost(PROJECTION).untilAsserted(() -> {
            assertThat(api.feedIds(author)).containsExactly(kept);
            assertThat(api.feedIds(follower)).containsExactly(kept);
        });

        long latecomer = Users.next();
        api.follow(latecomer, author);
        await().atMost(PROJECTION).untilAsserted(() -> assertThat(api.feedIds(latecomer)).containsExactly(kept));
        admin.awaitCaughtUp("home-feed");
        assertThat(api.feedIds(latecomer)).containsExactly(kept);
        assertThat(jdbc.sql("SELECT count(*) FROM user_feed WHERE post_id = :post").param("post", Long.parseLong(gone))
                .query(Long.class).single()).isZero();
    }

    @Test
    void refusesToEditADeletedPost() {
        long author = Users.next();
        long follower = Users.next();
        api.follow(follower, author);
        String post = api.publish(author, "written once");
        assertThat(api.delete(author, post).status()).isEqualTo(204);

        Http.Response edit = api.edit(author, post, "written again");

        assertThat(edit.status()).isEqualTo(404);
        assertThat(edit.contentType()).startsWith("application/problem+json");
        assertThat(api.read(author, post).status()).isEqualTo(404);
        assertThat(api.delete(author, post).status()).isEqualTo(204);
        admin.awaitCaughtUp("home-feed");
        assertThat(api.feedIds(author)).isEmpty();
        assertThat(api.feedIds(follower)).isEmpty();
    }

    @Test
    void ordersByCreationTimeThenPostIdNewestFirst() {
        long author = Users.next();
        long viewer = Users.next();
        api.follow(viewer, author);
        String older = api.publish(viewer, "older");
        List<PostId> tied = idsInOneMillisecond(3);
        // Published out of id order: the feed's order comes from createdAt and postId, not from arrival.
        for (int i : new int[] {2, 0, 1}) {
            commands.sendAndWait(new PublishPostCommand(tied.get(i), new UserId(author), "tied " + i, null, null));
        }
        String newer = api.publish(viewer, "newer");

        List<String> expected = List.of(newer, tied.get(2).toString(), tied.get(1).toString(), tied.get(0).toString(), older);
        await().atMost(PROJECTION).untilAsserted(() -> assertThat(api.feedIds(viewer)).containsExactlyElementsOf(expected));
        List<JsonNode> feed = api.feed(viewer);
        String tiedAt = feed.get(1).get("createdAt").asText();
        assertThat(feed.subList(1, 4)).allSatisfy(item -> assertThat(item.get("createdAt").asText()).isEqualTo(tiedAt));
        assertThat(feed.get(0).get("createdAt").asText()).isGreaterThan(tiedAt);
        assertThat(feed.get(4).get("createdAt").asText()).isLessThan(tiedAt);
    }

    @Test
    void showsAnExpiringPostUntilItsTimeAndNeverAfter() {
        long author = Users.next();
        long follower = Users.next();
        api.follow(follower, author);
        Instant expiresAt = Instant.now().plusSeconds(5).truncatedTo(ChronoUnit.MILLIS);
        JsonNode expiring = api.publish(author, "gone in five seconds", expiresAt);
        String expiringId = expiring.get("postId").asText();
        String lasting = api.publish(author, "here to stay");
        List<Long> viewers = List.of(author, follower);
        await().atMost(PROJECTION).untilAsserted(() -> viewers.forEach(viewer ->
                assertThat(api.feedIds(viewer)).containsExactly(lasting, expiringId)));
        assertThat(api.feed(follower).get(1)).isEqualTo(item(expiring));

        // The same clock decides on both sides: a read that ended before expiry shows it, one that began after does not.
        await().atMost(PROJECTION).pollInterval(Duration.ofMillis(100)).until(() -> {
            boolean allAskedAfterExpiry = true;
            for (long viewer : viewers) {
                Instant asked = Instant.now();
                List<String> shown = api.feedIds(viewer);
                Instant answered = Instant.now();
                if (answered.isBefore(expiresAt)) {
                    assertThat(shown).as("read before expiry").containsExactly(lasting, expiringId);
                } else if (asked.isAfter(expiresAt)) {
                    assertThat(shown).as("read after expiry").containsExactly(lasting);
                }
                allAskedAfterExpiry &= asked.isAfter(expiresAt);
            }
            return allAskedAfterExpiry;
        });
        assertThat(api.read(follower, expiringId).status()).isEqualTo(404);
        assertThat(api.edit(author, expiringId, "too late").status()).isEqualTo(404);
        assertThat(api.delete(author, expiringId).status()).isEqualTo(204);
    }

    @Test
    void tellsEveryViewerTheSameFreshness() {
        long author = Users.next();
        long stranger = Users.next();
        api.publish(author, "fresh");
        admin.awaitCaughtUp("home-feed");

        await().atMost(PROJECTION).untilAsserted(() -> {
            JsonNode freshness = api.page(author, 1, null).get("freshness");
            assertThat(freshness.get("lagEvents").asLong()).isZero();
            assertThat(freshness.get("lagMillis").asLong()).isZero();
            assertThat(freshness.get("replaying").asBoolean()).isFalse();
            assertThat(freshness.get("projectedThrough").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
            assertThat(api.page(stranger, 1, null).get("freshness")).isEqualTo(freshness);
        });
    }

    /** A feed item as the contract shows it, built from the post the publish answered with. */
    static ObjectNode item(JsonNode post) {
        ObjectNode item = JSON.createObjectNode();
        for (String field : new String[] {"postId", "authorId", "text", "createdAt", "expiresAt"}) {
            item.set(field, post.get(field));
        }
        return item;
    }

    private List<PostId> idsInOneMillisecond(int count) {
        for (int attempt = 0; attempt < 1_000; attempt++) {
            List<PostId> ids = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                ids.add(postIds.next());
            }
            if (ids.get(0).createdAt().equals(ids.get(count - 1).createdAt())) {
                return ids;
            }
        }
        return fail("the id generator never issued %d ids within one millisecond", count);
    }
}
