package dev.homefeed.query.homefeed;

import java.util.List;

import dev.homefeed.query.homefeed.HomeFeedChange.Delete;
import dev.homefeed.query.homefeed.HomeFeedChange.Edit;
import dev.homefeed.query.homefeed.HomeFeedChange.Follow;
import dev.homefeed.query.homefeed.HomeFeedChange.Publish;
import dev.homefeed.query.homefeed.HomeFeedChange.Unfollow;
import dev.homefeed.query.ops.batching.EventBatches;
import org.springframework.stereotype.Component;

/**
 * The home feed's write path. A processor batch's changes arrive in event order and are written as runs of one kind
 * (all the posts published one after another, all the follows, ...), each run by one statement class in one or two
 * set-based statements, so the order between kinds is exactly the events' order, and within a run the statements give
 * what applying the changes one by one gives.
 */
@Component
class HomeFeedPipeline implements EventBatches.Writer<HomeFeedChange> {

    private final FanOut fanOut;
    private final Backfill backfill;
    private final Removal removal;
    private final Edits edits;
    private final FanOutThreshold threshold;

    HomeFeedPipeline(FanOut fanOut, Backfill backfill, Removal removal, Edits edits, FanOutThreshold threshold) {
        this.fanOut = fanOut;
        this.backfill = backfill;
        this.removal = removal;
        this.edits = edits;
        this.threshold = threshold;
    }

    @Override
    public void write(List<HomeFeedChange> changes) {
        int from = 0;
        while (from < changes.size()) {
            HomeFeedChange.Kind kind = changes.get(from).kind();
            int to = from + 1;
            while (to < changes.size() && changes.get(to).kind() == kind) {
                to++;
            }
            write(kind, changes.subList(from, to));
            from = to;
        }
    }

    /** Rows written or removed; a switch expression, so a new kind of change does not compile until it is written. */
    private int write(HomeFeedChange.Kind kind, List<HomeFeedChange> run) {
        return switch (kind) {
            case PUBLISH -> fanOut.publish(only(run, Publish.class));
            case EDIT -> edits.apply(only(run, Edit.class));
            case DELETE -> removal.delete(only(run, Delete.class));
            case FOLLOW -> removal.pull(backfill.follow(only(run, Follow.class), threshold.followers()));
            case UNFOLLOW -> backfill.push(removal.unfollow(only(run, Unfollow.class), threshold.followers()));
        };
    }

    void clear() {
        removal.clear();
    }

    private static <C extends HomeFeedChange> List<C> only(List<HomeFeedChange> run, Class<C> type) {
        return run.stream().map(type::cast).toList();
    }
}
