package dev.homefeed.api.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import dev.homefeed.api.support.FeedIntegrationTest;
import dev.homefeed.api.support.Http;
import dev.homefeed.api.support.Users;
import dev.homefeed.query.homefeed.FanOutThreshold;
import org.junit.jupiter.api.AfterEach;
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
@FeedIntegrationTest(properties = "feed.home-feed.pull-threshold=3")
class HybridFanOutIT {

    @Autowired
    FeedKit kit;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    FanOutThreshold threshold;

    @AfterEach
    void restoreThreshold() {
        threshold.set(3);
    }

    @Test
    void hybridAndFullFanOutServeTheSameFeeds() {
        FeedClient api = kit.api();
        FeedProjection projection = kit.projection();
        FeedModel model = new FeedModel();
        long celebrity = Users.next();
        long other = Users.next();
        List<Long> viewers = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            viewers.add(Users.next());
        }

        String early = published(api, model, celebrity, "before anyone follows");
        String expiring = api.publish(celebrity, "brief", Instant.now().plusSeconds(12)).get("postId").asText();
        published(api, model, other, "from another author");
        for (int i = 0; i < 3; i++) {
            follow(api, model, viewers.get(i), celebrity);                     // 3 followers: still fanned out
        }
        follow(api, model, viewers.get(0), other);
        String pushed = published(api, model, celebrity, "fanned out");
        follow(api, model, viewers.get(3), celebrity);                         // 4 > 3: pulled from now on
        awaitPulled(projection, celebrity, true);
        String pulled = published(api, model, celebrity, "pulled");
        assertThat(api.edit(celebrity, early, "edited while pulled").status()).isEqualTo(200);
        assertThat(api.delete(celebrity, pushed).status()).isEqualTo(204);
        model.deleted(pushed);
        follow(api, model, viewers.get(4), celebrity);
        unfollow(api, model, viewers.get(0), celebrity);
        follow(api, model, viewers.get(0), celebrity);                         // refollow while pulled
        unfollow(api, model, viewers.get(1), celebrity);
        unfollow(api, model, viewers.get(2), celebrity);                       // 3 left: fanned out again
        awaitPulled(projection, celebrity, false);
        published(api, model, celebrity, "fanned out again");
        follow(api, model, viewers.get(5), celebrity);                         // 4 > 3: pulled again
        awaitPulled(projection, celebrity, true);
        published(api, model, celebrity, "pulled again");
        published(api, model, viewers.get(6), "a viewer's own post");
        for (int i = 0; i < 3; i++) {
            published(api, model, other, "other " + i);
        }
        projection.awaitCaughtUp();
        List<Long> everyone = new ArrayList<>(viewers);
        everyone.add(celebrity);
        everyone.add(other);

        Map<Long, List<String>> beforeExpiry = feeds(api, everyone);
        assertThat(beforeExpiry.get(viewers.get(0))).contains(expiring, pulled, early);
        await().atMost(Duration.ofSeconds(20)).until(() -> !api.feedIds(celebrity).contains(expiring));

        Map<Long, List<String>> hybrid = feeds(api, everyone);
        for (long viewer : everyone) {
            assertThat(hybrid.get(viewer)).as("viewer %d", viewer).isEqualTo(model.feed(viewer));
        }
        assertThat(textOf(api, viewers.get(4), early)).isEqualTo("edited while pulled");

        threshold.set(Integer.MAX_VALUE);
        replay(projection);
        assertThat(isPulled(celebrity)).isFalse();

        assertThat(feeds(api, everyone)).isEqualTo(hybrid);
        assertThat(textOf(api, viewers.get(4), early)).isEqualTo("edited while pulled");

        // A replay applies the whole history in a few batches, crossing the threshold up, down and up again inside
        // them: the same feeds again.
        threshold.set(3);
        replay(projection);
        assertThat(isPulled(celebrity)).isTrue();
        assertThat(feeds(api, everyone)).isEqualTo(hybrid);
        assertThat(textOf(api, viewers.get(4), early)).isEqualTo("edited while pulled");
    }

    private void replay(FeedProjection projection) {
        String admin = kit.tokens().admin(Users.next());
        Http http = kit.http();
        assertThat(http.post("/admin/projections/home-feed/replay", admin, "").status()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            JsonNode status = http.get("/admin/projections/home-feed", admin).json();
            return status.get("state").asText().equals("RUNNING") && status.get("lagEvents").asLong() == 0;
        });
        projection.awaitCaughtUp();
    }

    private static String published(FeedClient api, FeedModel model, long author, String text) {
        String id = api.publish(author, text);
        model.published(id, author);
        return id;
    }

    private static void follow(FeedClient api, FeedModel model, long follower, long followee) {
        api.follow(follower, followee);
        model.followed(follower, followee);
    }

    private static void unfollow(FeedClient api, FeedModel model, long follower, long followee) {
        api.unfollow(follower, followee);
        model.unfollowed(follower, followee);
    }

    private void awaitPulled(FeedProjection projection, long author, boolean pulled) {
        projection.awaitCaughtUp();
        assertThat(isPulled(author)).isEqualTo(pulled);
    }

    private boolean isPulled(long author) {
        return jdbc.sql("SELECT coalesce(bool_or(pulled), false) FROM home_feed_author WHERE author_id = :author")
                .param("author", author).query(Boolean.class).single();
    }

    /** Every feed read in pages of 2, so that pulled and pushed posts meet at page boundaries. */
    private static Map<Long, List<String>> feeds(FeedClient api, List<Long> viewers) {
        Map<Long, List<String>> feeds = new LinkedHashMap<>();
        for (long viewer : viewers) {
            List<String> ids = new ArrayList<>();
            String cursor = null;
            do {
                JsonNode page = api.page(viewer, 2, cursor);
                ids.addAll(FeedClient.ids(page.get("items")));
                cursor = FeedClient.nextCursor(page);
            } while (cursor != null);
            feeds.put(viewer, ids);
        }
        return feeds;
    }

    private static String textOf(FeedClient api, long viewer, String postId) {
        return api.feed(viewer).stream().filter(item -> item.get("postId").asText().equals(postId))
                .map(item -> item.get("text").asText()).findFirst().orElseThrow();
    }
}
