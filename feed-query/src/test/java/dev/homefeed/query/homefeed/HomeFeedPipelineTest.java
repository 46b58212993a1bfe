package dev.homefeed.query.homefeed;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

import dev.homefeed.query.homefeed.HomeFeedChange.Delete;
import dev.homefeed.query.homefeed.HomeFeedChange.Edit;
import dev.homefeed.query.homefeed.HomeFeedChange.Follow;
import dev.homefeed.query.homefeed.HomeFeedChange.Publish;
import dev.homefeed.query.homefeed.HomeFeedChange.Unfollow;
import org.junit.jupiter.api.Test;

/**
 * A batch is written as runs of like changes in the events' order: a follow between two posts splits them, so the
 * second post reaches the new follower and the first does not (the follow's backfill brings it), exactly as applied
 * one by one. The database side of each run is covered by {@code HomeFeedProjectorIT} and the feed integration tests.
 */
class HomeFeedPipelineTest {

    static final Instant AT = Instant.parse("2026-01-01T00:00:00Z");

    final List<String> written = new ArrayList<>();
    final List<Long> crossing = new ArrayList<>();

    final FanOut fanOut = new FanOut(null) {
        @Override
        Result publish(String schema, List<Publish> posts, WindowCounts counts) {
            written.add("publish " + posts.stream().map(Publish::postId).toList());
            posts.forEach(post -> counts.add(post.authorId(), 1));
            return new Result(posts.size(), 0);
        }
    };
    final Edits edits = new Edits(null) {
        @Override
        int apply(String schema, List<Edit> all) {
            written.add("edit " + latestPerPost(all).stream().map(e -> e.postId() + "@" + e.version()).toList());
            return all.size();
        }
    };
    final Backfill backfill = new Backfill(null) {
        @Override
        List<Long> follow(String schema, List<Follow> follows, int threshold, WindowCounts counts) {
            written.add("follow " + follows.stream().map(f -> f.followerId() + "->" + f.followeeId()).toList() + " over " + threshold);
            follows.forEach(follow -> counts.add(follow.followerId(), 2));
            return List.copyOf(crossing);
        }

        @Override
        void push(String schema, List<Long> authors, WindowCounts counts) {
            written.add("push " + authors);
        }
    };
    final Removal removal = new Removal(null, null) {
        @Override
        void delete(String schema, List<Delete> deletes, WindowCounts counts) {
            written.add("delete " + deletes.stream().map(Delete::postId).toList());
        }

        @Override
        List<Long> unfollow(String schema, List<Unfollow> unfollows, int threshold, WindowCounts counts) {
            written.add("unfollow " + unfollows.stream().map(f -> f.followerId() + "->" + f.followeeId()).toList());
            unfollows.forEach(unfollow -> counts.add(unfollow.followerId(), -2));
            return List.copyOf(crossing);
        }

        @Override
        void pull(String schema, List<Long> authors, WindowCounts counts) {
            written.add("pull " + authors);
        }
    };
    final FeedWindows windows = new FeedWindows(null, null) {
        @Override
        void settle(String schema, WindowCounts counts, int window) {
            written.add("settle " + new TreeMap<>(counts.changes()) + " to " + window);
        }
    };
    final HomeFeedPipeline pipeline = new HomeFeedPipeline(fanOut, backfill, removal, edits, windows, null,
            new HomeFeedWindow("5", "P14D"), new FanOutThreshold(3), null);

    @Test
    void likeChangesInARowAreWrittenTogetherAndKindsKeepTheEventsOrder() {
        pipeline.writeTo("home_feed_g1", List.of(
                new Publish(1, 10, "a", AT, null),
                new Publish(2, 10, "b", AT, null),
                new Follow(20, 10),
                new Follow(21, 10),
                new Publish(3, 10, "c", AT, null),
                new Unfollow(20, 10),
                new Delete(1)));

        assertThat(written).containsExactly(
                "publish [1, 2]",
                "follow [20->10, 21->10] over 3",
                "pull []",
                "publish [3]",
                "unfollow [20->10]",
                "push []",
                "delete [1]",
                "settle {10=3, 20=0, 21=2} to 5");
    }

    @Test
    void theWindowsCountsAreSettledOnceAtTheEndOfTheBatch() {
        pipeline.writeTo("home_feed_g1", List.of(new Publish(1, 10, "a", AT, null), new Follow(20, 10),
                new Publish(2, 10, "b", AT, null), new Follow(21, 10), new Delete(1)));

        assertThat(written).containsExactly("publish [1]", "follow [20->10] over 3", "pull []", "publish [2]",
                "follow [21->10] over 3", "pull []", "delete [1]", "settle {10=2, 20=2, 21=2} to 5");
    }

    @Test
    void severalEditsOfAPostInARowWriteOnlyTheLatestVersion() {
        pipeline.writeTo("home_feed_g1", List.of(new Edit(1, "v2", 2), new Edit(2, "other", 2), new Edit(1, "v3", 3)));

        assertThat(written).containsExactly("edit [1@3, 2@2]", "settle {} to 5");
    }

    @Test
    void authorsCrossingTheThresholdInARunAreMovedBeforeTheNextRun() {
        crossing.add(10L);

        pipeline.writeTo("home_feed_g1", List.of(new Follow(20, 10), new Publish(1, 10, "a", AT, null), new Unfollow(20, 10)));

        assertThat(written).containsExactly(
                "follow [20->10] over 3", "pull [10]", "publish [1]", "unfollow [20->10]", "push [10]", "settle {10=1, 20=0} to 5");
    }
}
