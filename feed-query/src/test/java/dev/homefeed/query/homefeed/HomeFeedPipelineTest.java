package dev.homefeed.query.homefeed;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

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
        int publish(String schema, List<Publish> posts) {
            written.add("publish " + posts.stream().map(Publish::postId).toList());
            return posts.size();
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
        List<Long> follow(String schema, List<Follow> follows, int threshold) {
            written.add("follow " + follows.stream().map(f -> f.followerId() + "->" + f.followeeId()).toList() + " over " + threshold);
            return List.copyOf(crossing);
        }

        @Override
        int push(String schema, List<Long> authors) {
            written.add("push " + authors);
            return 0;
        }
    };
    final Removal removal = new Removal(null) {
        @Override
        int delete(String schema, List<Delete> deletes) {
            written.add("delete " + deletes.stream().map(Delete::postId).toList());
            return deletes.size();
        }

        @Override
        List<Long> unfollow(String schema, List<Unfollow> unfollows, int threshold) {
            written.add("unfollow " + unfollows.stream().map(f -> f.followerId() + "->" + f.followeeId()).toList());
            return List.copyOf(crossing);
        }

        @Override
        int pull(String schema, List<Long> authors) {
            written.add("pull " + authors);
            return 0;
        }
    };
    final HomeFeedPipeline pipeline = new HomeFeedPipeline(fanOut, backfill, removal, edits, new FanOutThreshold(3), null);

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
                "delete [1]");
    }

    @Test
    void severalEditsOfAPostInARowWriteOnlyTheLatestVersion() {
        pipeline.writeTo("home_feed_g1", List.of(new Edit(1, "v2", 2), new Edit(2, "other", 2), new Edit(1, "v3", 3)));

        assertThat(written).containsExactly("edit [1@3, 2@2]");
    }

    @Test
    void authorsCrossingTheThresholdInARunAreMovedBeforeTheNextRun() {
        crossing.add(10L);

        pipeline.writeTo("home_feed_g1", List.of(new Follow(20, 10), new Publish(1, 10, "a", AT, null), new Unfollow(20, 10)));

        assertThat(written).containsExactly(
                "follow [20->10] over 3", "pull [10]", "publish [1]", "unfollow [20->10]", "push [10]");
    }
}
