package dev.homefeed.query.homefeed;

import java.util.List;

import dev.homefeed.projection.generation.ProjectionGenerations;
import dev.homefeed.query.homefeed.HomeFeedChange.Delete;
import dev.homefeed.query.homefeed.HomeFeedChange.Edit;
import dev.homefeed.query.homefeed.HomeFeedChange.Follow;
import dev.homefeed.query.homefeed.HomeFeedChange.Publish;
import dev.homefeed.query.homefeed.HomeFeedChange.Unfollow;
import org.springframework.stereotype.Component;

/**
 * The home feed's write path. A processor batch's changes arrive in event order and are written as runs of one kind
 * (all the posts published one after another, all the follows, ...), each run by one statement class in one or two
 * set-based statements, so the order between kinds is exactly the events' order, and within a run the statements give
 * what applying the changes one by one gives. The batch goes to every generation its processor writes: the serving one
 * and any shadow in lockstep, or the one being rebuilt.
 */
@Component
class HomeFeedPipeline {

    private final FanOut fanOut;
    private final Backfill backfill;
    private final Removal removal;
    private final Edits edits;
    private final FanOutThreshold threshold;
    private final ProjectionGenerations generations;

    HomeFeedPipeline(FanOut fanOut, Backfill backfill, Removal removal, Edits edits, FanOutThreshold threshold,
                     ProjectionGenerations generations) {
        this.fanOut = fanOut;
        this.backfill = backfill;
        this.removal = removal;
        this.edits = edits;
        this.threshold = threshold;
        this.generations = generations;
    }

    void write(String processingGroup, List<HomeFeedChange> changes) {
        for (String schema : generations.writtenBy(processingGroup)) {
            writeTo(schema, changes);
        }
    }

    /** One generation's writes, in runs of one kind. */
    void writeTo(String schema, List<HomeFeedChange> changes) {
        int from = 0;
        while (from < changes.size()) {
            HomeFeedChange.Kind kind = changes.get(from).kind();
            int to = from + 1;
            while (to < changes.size() && changes.get(to).kind() == kind) {
                to++;
            }
            write(schema, kind, changes.subList(from, to));
            from = to;
        }
    }

    /** Rows written or removed; a switch expression, so a new kind of change does not compile until it is written. */
    private int write(String schema, HomeFeedChange.Kind kind, List<HomeFeedChange> run) {
        return switch (kind) {
            case PUBLISH -> fanOut.publish(schema, only(run, Publish.class));
            case EDIT -> edits.apply(schema, only(run, Edit.class));
            case DELETE -> removal.delete(schema, only(run, Delete.class));
            case FOLLOW -> removal.pull(schema, backfill.follow(schema, only(run, Follow.class), threshold.followers()));
            case UNFOLLOW -> backfill.push(schema, removal.unfollow(schema, only(run, Unfollow.class), threshold.followers()));
        };
    }

    /** A replay or rebuild starts from empty tables in every generation the processor writes. */
    void clear(String processingGroup) {
        for (String schema : generations.writtenBy(processingGroup)) {
            removal.clear(schema);
        }
    }

    private static <C extends HomeFeedChange> List<C> only(List<HomeFeedChange> run, Class<C> type) {
        return run.stream().map(type::cast).toList();
    }
}
