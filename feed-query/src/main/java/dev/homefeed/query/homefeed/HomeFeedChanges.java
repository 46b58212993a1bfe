package dev.homefeed.query.homefeed;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.homefeed.query.ops.EventBatches;

/**
 * The home feed's changes from one processor batch, in event order. They are written as runs of like changes
 * (all the posts published one after another, all the follows, ...), each run in one or two set-based statements,
 * so the order between different kinds of change is exactly the events' order, and within a run the statements are
 * written to give what applying the changes one by one gives.
 */
final class HomeFeedChanges implements EventBatches.Batch {

    record Published(long postId, long authorId, String text, Instant createdAt, Instant expiresAt) {
    }

    record Edited(long postId, String text, long version) {
    }

    record Deleted(long postId) {
    }

    record Followed(long followerId, long followeeId) {
    }

    record Unfollowed(long followerId, long followeeId) {
    }

    private final HomeFeedTables tables;
    private final FanOutThreshold threshold;
    private final List<Record> changes = new ArrayList<>();

    HomeFeedChanges(HomeFeedTables tables, FanOutThreshold threshold) {
        this.tables = tables;
        this.threshold = threshold;
    }

    void add(Record change) {
        changes.add(change);
    }

    @Override
    public void flush() {
        int from = 0;
        while (from < changes.size()) {
            Class<?> kind = changes.get(from).getClass();
            int to = from + 1;
            while (to < changes.size() && changes.get(to).getClass() == kind) {
                to++;
            }
            write(kind, changes.subList(from, to));
            from = to;
        }
        changes.clear();
    }

    @SuppressWarnings("unchecked")
    private void write(Class<?> kind, List<? extends Record> run) {
        if (kind == Published.class) {
            tables.publish((List<Published>) run);
        } else if (kind == Edited.class) {
            tables.edit(latestPerPost((List<Edited>) run));
        } else if (kind == Deleted.class) {
            tables.delete((List<Deleted>) run);
        } else if (kind == Followed.class) {
            tables.follow((List<Followed>) run, threshold.followers());
        } else if (kind == Unfollowed.class) {
            tables.unfollow((List<Unfollowed>) run, threshold.followers());
        } else {
            throw new IllegalStateException("unknown home-feed change " + kind);
        }
    }

    /** One update per post: a statement can change a row once, and the highest version wins anyway. */
    private static List<Edited> latestPerPost(List<Edited> edits) {
        Map<Long, Edited> latest = new LinkedHashMap<>();
        for (Edited e : edits) {
            latest.merge(e.postId(), e, (a, b) -> b.version() > a.version() ? b : a);
        }
        return new ArrayList<>(latest.values());
    }
}
