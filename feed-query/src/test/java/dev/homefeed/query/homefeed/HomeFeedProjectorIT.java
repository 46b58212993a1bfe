package dev.homefeed.query.homefeed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

import dev.homefeed.command.api.PostId;
import dev.homefeed.command.api.UserId;
import dev.homefeed.command.follow.FollowGateway;
import dev.homefeed.command.post.PostGateway;
import dev.homefeed.projection.ProjectionOperations;
import dev.homefeed.projection.api.ProjectionState;
import dev.homefeed.query.ProjectionsIntegrationTest;
import dev.homefeed.query.api.FeedEntry;
import dev.homefeed.query.api.FeedPosition;
import dev.homefeed.query.api.HomeFeedPage;
import dev.homefeed.query.api.ProjectionNames;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The home-feed projector on the real changelog, driven by real events and read through the feed's front door. */
@ProjectionsIntegrationTest
class HomeFeedProjectorIT {

    static final AtomicLong USERS = new AtomicLong(ThreadLocalRandom.current().nextLong(1, 1L << 40));
    static final Duration PATIENCE = Duration.ofSeconds(20);

    @Autowired
    PostGateway posts;
    @Autowired
    FollowGateway follows;
    @Autowired
    HomeFeedReads feeds;
    @Autowired
    ProjectionOperations projections;

    @Test
    void aFollowerSeesTheFolloweesPostsFromBeforeAndAfterTheFollowNewestFirst() {
        UserId author = user();
        UserId reader = user();
        PostId before = publish(author, "before the follow");
        follows.follow(reader, author);
        PostId after = publish(author, "after the follow");
        PostId own = publish(reader, "the reader's own");

        awaitFeed(reader, own, after, before);
        assertThat(feeds.page(reader.value(), 10, null).entries()).extracting(FeedEntry::text)
                .containsExactly("the reader's own", "after the follow", "before the follow");
    }

    @Test
    void anUnfollowTakesTheFolloweesPostsOutAndKeepsTheReadersOwn() {
        UserId author = user();
        UserId reader = user();
        follows.follow(reader, author);
        PostId theirs = publish(author, "theirs");
        PostId own = publish(reader, "own");
        awaitFeed(reader, own, theirs);

        follows.unfollow(reader, author);

        awaitFeed(reader, own);
    }

    @Test
    void anEditShowsInEveryFeedAndADeleteLeavesEveryFeed() {
        UserId author = user();
        UserId first = user();
        UserId second = user();
        follows.follow(first, author);
        PostId edited = publish(author, "draft");
        PostId deleted = publish(author, "regretted");
        follows.follow(second, author);
        awaitFeed(second, deleted, edited);

        posts.edit(edited, author, "final", 1L);
        posts.delete(deleted, author);

        for (UserId viewer : List.of(author, first, second)) {
            awaitFeed(viewer, edited);
            await().atMost(PATIENCE).untilAsserted(() -> assertThat(feeds.page(viewer.value(), 10, null).entries())
                    .extracting(FeedEntry::text).containsExactly("final"));
        }
    }

    @Test
    void pagesFollowTheKeysetWithoutGapsOrRepeats() {
        UserId author = user();
        List<PostId> newestFirst = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            newestFirst.add(0, publish(author, "post " + i));
        }
        awaitFeed(author, newestFirst.toArray(PostId[]::new));

        List<Long> read = new ArrayList<>();
        FeedPosition after = null;
        do {
            HomeFeedPage page = feeds.page(author.value(), 3, after);
            page.entries().forEach(e -> read.add(e.postId()));
            after = page.next();
        } while (after != null);

        assertThat(read).containsExactlyElementsOf(newestFirst.stream().map(PostId::value).toList());
    }

    @Test
    void aReplayRebuildsTheSameFeeds() {
        UserId author = user();
        UserId reader = user();
        follows.follow(reader, author);
        PostId kept = publish(author, "kept");
        PostId gone = publish(author, "gone");
        posts.delete(gone, author);
        posts.edit(kept, author, "kept, edited", null);
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(feeds.page(reader.value(), 10, null).entries())
                .extracting(FeedEntry::text).containsExactly("kept, edited"));
        List<FeedEntry> before = feeds.page(reader.value(), 10, null).entries();

        projections.replay(ProjectionNames.HOME_FEED);

        await().atMost(PATIENCE).until(() -> projections.status(ProjectionNames.HOME_FEED).orElseThrow().state()
                == ProjectionState.RUNNING);
        assertThat(feeds.page(reader.value(), 10, null).entries()).isEqualTo(before);
        assertThat(feeds.page(reader.value(), 10, null).freshness().replaying()).isFalse();
    }

    private PostId publish(UserId author, String text) {
        return posts.publish(author, text, null, null).post().postId();
    }

    private void awaitFeed(UserId viewer, PostId... newestFirst) {
        List<Long> expected = Arrays.stream(newestFirst).map(PostId::value).toList();
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(feeds.page(viewer.value(), 20, null).entries())
                .extracting(FeedEntry::postId).containsExactlyElementsOf(expected));
    }

    private static UserId user() {
        return new UserId(USERS.incrementAndGet());
    }
}
