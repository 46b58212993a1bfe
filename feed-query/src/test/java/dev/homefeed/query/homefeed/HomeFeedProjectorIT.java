package dev.homefeed.query.homefeed;

import static dev.homefeed.query.support.Scenario.user;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import dev.homefeed.command.api.PostId;
import dev.homefeed.command.api.UserId;
import dev.homefeed.query.ProjectionsIntegrationTest;
import dev.homefeed.query.api.FeedEntry;
import dev.homefeed.query.api.FeedPosition;
import dev.homefeed.query.api.HomeFeedPage;
import dev.homefeed.query.api.ProjectionNames;
import dev.homefeed.query.support.Awaits;
import dev.homefeed.query.support.Scenario;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The home-feed projector on the real changelog, driven by real events and read through the feed's front door. */
@ProjectionsIntegrationTest
class HomeFeedProjectorIT {

    @Autowired
    Scenario scenario;
    @Autowired
    Awaits awaits;
    @Autowired
    HomeFeedReads feeds;

    @Test
    void aFollowerSeesTheFolloweesPostsFromBeforeAndAfterTheFollowNewestFirst() {
        UserId author = user();
        UserId reader = user();
        PostId before = scenario.publish(author, "before the follow");
        scenario.follow(reader, author);
        PostId after = scenario.publish(author, "after the follow");
        PostId own = scenario.publish(reader, "the reader's own");

        awaitFeed(reader, own, after, before);
        assertThat(feeds.page(reader.value(), 10, null).entries()).extracting(FeedEntry::text)
                .containsExactly("the reader's own", "after the follow", "before the follow");
    }

    @Test
    void anUnfollowTakesTheFolloweesPostsOutAndKeepsTheReadersOwn() {
        UserId author = user();
        UserId reader = user();
        scenario.follow(reader, author);
        PostId theirs = scenario.publish(author, "theirs");
        PostId own = scenario.publish(reader, "own");
        awaitFeed(reader, own, theirs);

        scenario.unfollow(reader, author);

        awaitFeed(reader, own);
    }

    @Test
    void anEditShowsInEveryFeedAndADeleteLeavesEveryFeed() {
        UserId author = user();
        UserId first = user();
        UserId second = user();
        scenario.follow(first, author);
        PostId edited = scenario.publish(author, "draft");
        PostId deleted = scenario.publish(author, "regretted");
        scenario.follow(second, author);
        awaitFeed(second, deleted, edited);

        scenario.edit(edited, author, "final");
        scenario.delete(deleted, author);

        scenario.awaitFeedsAsModelled(List.of(author, first, second));
        assertThat(feeds.page(second.value(), 10, null).entries()).extracting(FeedEntry::text).containsExactly("final");
    }

    @Test
    void pagesFollowTheKeysetWithoutGapsOrRepeats() {
        UserId author = user();
        List<PostId> newestFirst = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            newestFirst.add(0, scenario.publish(author, "post " + i));
        }
        awaitFeed(author, newestFirst.toArray(PostId[]::new));

        List<Long> read = new ArrayList<>();
        FeedPosition after = null;
        do {
            HomeFeedPage page = feeds.page(author.value(), 3, after);
            assertThat(page.entries()).hasSizeBetween(1, 3);
            page.entries().forEach(e -> read.add(e.postId()));
            after = page.next();
        } while (after != null);

        assertThat(read).containsExactlyElementsOf(newestFirst.stream().map(PostId::value).toList());
    }

    @Test
    void aReplayRebuildsTheSameFeeds() {
        UserId author = user();
        UserId reader = user();
        scenario.follow(reader, author);
        PostId kept = scenario.publish(author, "kept");
        PostId gone = scenario.publish(author, "gone");
        scenario.delete(gone, author);
        scenario.edit(kept, author, "kept, edited");
        scenario.awaitFeedsAsModelled(List.of(reader));
        List<FeedEntry> before = feeds.page(reader.value(), 10, null).entries();

        awaits.replayAndAwait(ProjectionNames.HOME_FEED);

        assertThat(feeds.page(reader.value(), 10, null).entries()).isEqualTo(before);
        assertThat(feeds.page(reader.value(), 10, null).freshness().replaying()).isFalse();
    }

    private void awaitFeed(UserId viewer, PostId... newestFirst) {
        List<Long> expected = Arrays.stream(newestFirst).map(PostId::value).toList();
        assertThat(scenario.expectedFeed(viewer)).as("the model agrees with the test").isEqualTo(expected);
        await().atMost(Awaits.PATIENCE).untilAsserted(() -> assertThat(scenario.feedIds(viewer)).containsExactlyElementsOf(expected));
    }
}
