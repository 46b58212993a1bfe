package dev.homefeed.query.homefeed;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import dev.homefeed.query.homefeed.HomeFeedChanges.Deleted;
import dev.homefeed.query.homefeed.HomeFeedChanges.Edited;
import dev.homefeed.query.homefeed.HomeFeedChanges.Followed;
import dev.homefeed.query.homefeed.HomeFeedChanges.Published;
import dev.homefeed.query.homefeed.HomeFeedChanges.Unfollowed;
import org.junit.jupiter.api.Test;

/**
 * A batch is written as runs of like changes in the events' order: a follow between two posts splits them, so the
 * second post reaches the new follower and the first does not (the follow's backfill brings it), exactly as applied
 * one by one. The database side of each run is covered by the feed integration tests.
 */
class HomeFeedChangesTest {

    static final Instant AT = Instant.parse("2026-01-01T00:00:00Z");

    final List<String> written = new ArrayList<>();
    final HomeFeedTables tables = new HomeFeedTables(null) {
        @Override
        void publish(List<Published> posts) {
            written.add("publish " + posts.stream().map(Published::postId).toList());
        }

        @Override
        void edit(List<Edited> edits) {
            written.add("edit " + edits.stream().map(e -> e.postId() + "@" + e.version()).toList());
        }

        @Override
        void delete(List<Deleted> deletes) {
            written.add("delete " + deletes.stream().map(Deleted::postId).toList());
        }

        @Override
        void follow(List<Followed> follows, int threshold) {
            written.add("follow " + follows.stream().map(f -> f.followerId() + "->" + f.followeeId()).toList() + " over " + threshold);
        }

        @Override
        void unfollow(List<Unfollowed> unfollows, int threshold) {
            written.add("unfollow " + unfollows.stream().map(f -> f.followerId() + "->" + f.followeeId()).toList());
        }
    };
    final HomeFeedChanges changes = new HomeFeedChanges(tables, new FanOutThreshold(3));

    @Test
    void likeChangesInARowAreWrittenTogetherAndKindsKeepTheEventsOrder() {
        changes.add(new Published(1, 10, "a", AT, null));
        changes.add(new Published(2, 10, "b", AT, null));
        changes.add(new Followed(20, 10));
        changes.add(new Followed(21, 10));
        changes.add(new Published(3, 10, "c", AT, null));
        changes.add(new Unfollowed(20, 10));
        changes.add(new Deleted(1));

        changes.flush();

        assertThat(written).containsExactly(
                "publish [1, 2]",
                "follow [20->10, 21->10] over 3",
                "publish [3]",
                "unfollow [20->10]",
                "delete [1]");
    }

    @Test
    void severalEditsOfAPostInARowWriteOnlyTheLatestVersion() {
        changes.add(new Edited(1, "v2", 2));
        changes.add(new Edited(2, "other", 2));
        changes.add(new Edited(1, "v3", 3));

        changes.flush();

        assertThat(written).containsExactly("edit [1@3, 2@2]");
    }

    @Test
    void aFlushedBatchStartsEmpty() {
        changes.add(new Deleted(1));
        changes.flush();
        changes.flush();

        assertThat(written).containsExactly("delete [1]");
    }
}
