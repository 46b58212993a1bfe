package dev.homefeed.query.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

import dev.homefeed.command.api.PostId;
import dev.homefeed.command.api.UserId;
import dev.homefeed.command.follow.FollowGateway;
import dev.homefeed.command.post.PostGateway;
import dev.homefeed.query.api.FeedEntry;
import dev.homefeed.query.api.FeedPosition;
import dev.homefeed.query.api.HomeFeedPage;
import dev.homefeed.query.homefeed.HomeFeedReads;
import org.springframework.context.annotation.Scope;

/**
 * A story told to the service through the command side's front doors (which send Axon commands and wait for the
 * aggregate's answer) and read back through the home feed's, recording every acknowledged step in a {@link FeedModel}
 * so that a test can say what the feeds must be without knowing how they are projected. One per test: the model
 * only knows that test's users, who are fresh ids no other test uses.
 */
@Scope("prototype")
public class Scenario {

    /** Shared by every scenario of the test JVM: tests on one application context never meet each other's users. */
    private static final AtomicLong USERS = new AtomicLong(ThreadLocalRandom.current().nextLong(1L << 30, 1L << 40));
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    private final PostGateway posts;
    private final FollowGateway follows;
    private final HomeFeedReads feeds;
    private final FeedModel model;

    Scenario(PostGateway posts, FollowGateway follows, HomeFeedReads feeds, Clock clock) {
        this.posts = posts;
        this.follows = follows;
        this.feeds = feeds;
        this.model = new FeedModel(clock);
    }

    public static UserId user() {
        return new UserId(USERS.incrementAndGet());
    }

    public static List<UserId> users(int count) {
        List<UserId> users = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            users.add(user());
        }
        return users;
    }

    // ------------------------------------------------------------------------------------------------ the writes

    public PostId publish(UserId author, String text) {
        return publish(author, text, null);
    }

    /** @param expiresAt null for a post that never expires */
    public PostId publish(UserId author, String text, Instant expiresAt) {
        PostId post = posts.publish(author, text, expiresAt, null).post().postId();
        model.published(post, author, text, expiresAt);
        return post;
    }

    public void edit(PostId post, UserId author, String text) {
        posts.edit(post, author, text, null);
        model.edited(post, text);
    }

    public void delete(PostId post, UserId author) {
        posts.delete(post, author);
        model.deleted(post);
    }

    public void follow(UserId follower, UserId followee) {
        follows.follow(follower, followee);
        model.followed(follower, followee);
    }

    public void unfollow(UserId follower, UserId followee) {
        follows.unfollow(follower, followee);
        model.unfollowed(follower, followee);
    }

    /** That many new users following the author, four commands at a time, as a crowd would. */
    public List<UserId> newFollowers(UserId author, int count) {
        List<UserId> followers = users(count);
        inParallel(4, followers.stream().<Callable<Void>>map(follower -> () -> {
            follow(follower, author);
            return null;
        }).toList());
        return followers;
    }

    /** Runs the scenario's steps on a few threads at once; fails with the first step that failed. */
    public static <T> void inParallel(int threads, List<? extends Callable<T>> steps) {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            for (Future<T> step : pool.invokeAll(steps)) {
                step.get();
            }
        } catch (ExecutionException e) {
            throw new AssertionError("a parallel step failed", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        } finally {
            pool.shutdownNow();
        }
    }

    // ------------------------------------------------------------------------------------------------ the reads

    /** The viewer's whole feed, read through the front door in pages of {@code size}, following each page's next. */
    public List<FeedEntry> feedInPagesOf(UserId viewer, int size) {
        List<FeedEntry> entries = new ArrayList<>();
        FeedPosition after = null;
        do {
            HomeFeedPage page = feeds.page(viewer.value(), size, after);
            entries.addAll(page.entries());
            after = page.next();
        } while (after != null);
        return entries;
    }

    public List<FeedEntry> feed(UserId viewer) {
        return feedInPagesOf(viewer, 100);
    }

    public List<Long> feedIds(UserId viewer) {
        return ids(feed(viewer));
    }

    public static List<Long> ids(List<FeedEntry> entries) {
        return entries.stream().map(FeedEntry::postId).toList();
    }

    /** The text the viewer's feed shows for the post. */
    public String textOf(UserId viewer, PostId post) {
        return feed(viewer).stream().filter(entry -> entry.postId() == post.value()).map(FeedEntry::text)
                .findFirst().orElseThrow(() -> new AssertionError("post " + post + " is not in the feed of " + viewer));
    }

    // --------------------------------------------------------------------------------------------- the expectation

    /** What the contract says the viewer's feed is now: post ids, newest first. */
    public List<Long> expectedFeed(UserId viewer) {
        return model.feed(viewer);
    }

    /** The post's latest text as written, if it is live. */
    public Optional<String> expectedText(long post) {
        return model.text(post);
    }

    /** Every viewer's feed is the declarative one, post for post and with each post's latest text. */
    public void assertFeedsAsModelled(Collection<UserId> viewers) {
        for (UserId viewer : viewers) {
            List<FeedEntry> feed = feed(viewer);
            assertThat(ids(feed)).as("feed of %s", viewer).containsExactlyElementsOf(model.feed(viewer));
            for (FeedEntry entry : feed) {
                assertThat(entry.text()).as("text of post %d in the feed of %s", entry.postId(), viewer)
                        .isEqualTo(model.text(entry.postId()).orElseThrow());
            }
        }
    }

    public void awaitFeedsAsModelled(Collection<UserId> viewers) {
        await().atMost(PATIENCE).untilAsserted(() -> assertFeedsAsModelled(viewers));
    }
}
