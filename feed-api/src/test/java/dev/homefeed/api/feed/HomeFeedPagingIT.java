package dev.homefeed.api.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import dev.homefeed.api.support.FeedClient;
import dev.homefeed.api.support.FeedIntegrationTest;
import dev.homefeed.api.support.Http;
import dev.homefeed.api.support.Users;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;

/** Keyset pagination of the home feed: every item once, even while new posts arrive; cursors bound to their viewer. */
@FeedIntegrationTest
class HomeFeedPagingIT {

    private static final Duration PROJECTION = Duration.ofSeconds(30);

    @Autowired
    Environment environment;

    FeedClient api;
    long author;
    long viewer;

    @BeforeEach
    void setUp() {
        api = FeedClient.on(environment);
        author = Users.next();
        viewer = Users.next();
        api.follow(viewer, author);
    }

    @Test
    void yieldsEveryItemOnceWhileNewPostsArriveAndShowsThemOnlyOnAFreshFirstPage() {
        List<String> existing = publish(24);

        List<String> seen = new ArrayList<>();
        List<String> arrived = new ArrayList<>();
        JsonNode page = api.page(viewer, 5, null);
        int pages = 1;
        while (true) {
            assertThat(page.get("items").size()).isBetween(1, 5);
            seen.addAll(FeedClient.ids(page.get("items")));
            String cursor = FeedClient.nextCursor(page);
            if (cursor == null) {
                break;
            }
            // A new post, by a followee or by the viewer, is in the feed before the next page is read.
            String fresh = api.publish(pages % 2 == 0 ? viewer : author, "arrived after page " + pages);
            arrived.add(0, fresh);
            await().atMost(PROJECTION).untilAsserted(() ->
                    assertThat(FeedClient.ids(api.page(viewer, 1, null).get("items"))).containsExactly(fresh));
            page = api.page(viewer, 5, cursor);
            pages++;
        }

        assertThat(seen).containsExactlyElementsOf(existing);
        assertThat(pages).isEqualTo(5);
        assertThat(FeedClient.ids(api.page(viewer, arrived.size(), null).get("items"))).containsExactlyElementsOf(arrived);
        List<String> everything = new ArrayList<>(arrived);
        everything.addAll(existing);
        assertThat(api.feedIds(viewer)).containsExactlyElementsOf(everything);
    }

    @Test
    void servesTwentyItemsByDefaultAndNoCursorAfterTheLastPageEvenWhenItIsFull() {
        List<String> posts = publish(21);

        Http.Response byDefault = api.firstPageWithoutLimit(viewer);
        assertThat(byDefault.status()).isEqualTo(200);
        assertThat(FeedClient.ids(byDefault.json().get("items"))).containsExactlyElementsOf(posts.subList(0, 20));
        assertThat(FeedClient.nextCursor(byDefault.json())).isNotNull();

        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            JsonNode page = api.page(viewer, 7, cursor);
            assertThat(page.get("items").size()).isEqualTo(7);
            seen.addAll(FeedClient.ids(page.get("items")));
            cursor = FeedClient.nextCursor(page);
            pages++;
        } while (cursor != null);
        assertThat(pages).isEqualTo(3);
        assertThat(seen).containsExactlyElementsOf(posts);
    }

    @Test
    void refusesAnotherViewersCursorAndAnAlteredOne() {
        publish(3);
        String cursor = FeedClient.nextCursor(api.page(viewer, 1, null));
        assertThat(cursor).isNotNull();

        assertThat(api.pageResponse(viewer, 1, cursor).status()).isEqualTo(200);
        assertThat(api.pageResponse(author, 1, cursor).status()).isEqualTo(400);
        assertThat(api.pageResponse(Users.next(), 1, cursor).status()).isEqualTo(400);
        String altered = (cursor.charAt(0) == 'A' ? "B" : "A") + cursor.substring(1);
        Http.Response refused = api.pageResponse(viewer, 1, altered);
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(api.pageResponse(viewer, 1, "garbage").status()).isEqualTo(400);
    }

    /** Publishes {@code count} posts, a quarter of them the viewer's own, and waits until the feed shows them all. */
    private List<String> publish(int count) {
        List<String> newestFirst = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            newestFirst.add(0, api.publish(i % 4 == 0 ? viewer : author, "post " + i));
        }
        await().atMost(PROJECTION).untilAsserted(() -> assertThat(api.feedIds(viewer)).containsExactlyElementsOf(newestFirst));
        return newestFirst;
    }
}
