package dev.homefeed.query.homefeed;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import dev.homefeed.projection.generation.ProjectionGenerations;
import dev.homefeed.query.api.ProjectionNames;
import dev.homefeed.query.homefeed.HomeFeedChange.Delete;
import dev.homefeed.query.homefeed.HomeFeedChange.Erase;
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
 * and any shadow in lockstep, or the one being rebuilt. The statements report how many rows each window gained or
 * lost; at the end of the batch the counts are settled and the windows that grew past the window size trimmed,
 * set-based, not row by row.
 */
@Component
class HomeFeedPipeline {

    private final FanOut fanOut;
    private final Backfill backfill;
    private final Removal removal;
    private final Edits edits;
    private final FeedWindows windows;
    private final WindowLock lock;
    private final HomeFeedWindow window;
    private final FanOutThreshold threshold;
    private final ProjectionGenerations generations;
    private final AtomicLong fannedOut = new AtomicLong();
    private final AtomicLong skipped = new AtomicLong();

    HomeFeedPipeline(FanOut fanOut, Backfill backfill, Removal removal, Edits edits, FeedWindows windows, WindowLock lock,
                     HomeFeedWindow window, FanOutThreshold threshold, ProjectionGenerations generations) {
        this.fanOut = fanOut;
        this.backfill = backfill;
        this.removal = removal;
        this.edits = edits;
        this.windows = windows;
        this.lock = lock;
        this.window = window;
        this.threshold = threshold;
        this.generations = generations;
    }

    void write(String processingGroup, List<HomeFeedChange> changes) {
        lock.shared();
        boolean serving = processingGroup.equals(ProjectionNames.HOME_FEED);
        for (String schema : generations.writtenBy(processingGroup)) {
            writeTo(schema, changes, serving);
            serving = false; // a shadow written in lockstep is not counted twice
        }
    }

    /** One generation's writes, in runs of one kind, then its trims. */
    void writeTo(String schema, List<HomeFeedChange> changes) {
        writeTo(schema, changes, false);
    }

    private void writeTo(String schema, List<HomeFeedChange> changes, boolean counted) {
        WindowCounts counts = new WindowCounts();
        int from = 0;
        while (from < changes.size()) {
            HomeFeedChange.Kind kind = changes.get(from).kind();
            int to = from + 1;
            while (to < changes.size() && changes.get(to).kind() == kind) {
                to++;
            }
            write(schema, kind, changes.subList(from, to), counts, counted);
            from = to;
        }
        windows.settle(schema, counts, window.size());
    }

    /** A switch over the kinds, so a new kind of change does not compile until it is written. */
    private void write(String schema, HomeFeedChange.Kind kind, List<HomeFeedChange> run, WindowCounts counts, boolean counted) {
        switch (kind) {
            case PUBLISH -> {
                FanOut.Result result = fanOut.publish(schema, only(run, Publish.class), counts);
                if (counted) {
                    fannedOut.addAndGet(result.written());
                    skipped.addAndGet(result.skipped());
                }
            }
            case EDIT -> edits.apply(schema, only(run, Edit.class));
            case DELETE -> removal.delete(schema, only(run, Delete.class), counts);
            case FOLLOW -> {
                List<Follow> follows = only(run, Follow.class);
                removal.pull(schema, backfill.follow(schema, follows, threshold.followers(), counts), counts);
                counts.recount(follows.stream().map(Follow::followerId).toList());
            }
            case UNFOLLOW -> backfill.push(schema,
                    removal.unfollow(schema, only(run, Unfollow.class), threshold.followers(), counts), counts);
            case ERASE -> backfill.push(schema, removal.erase(schema, only(run, Erase.class), threshold.followers(), counts), counts);
        }
    }

    /** A replay or rebuild starts from empty tables in every generation the processor writes. */
    void clear(String processingGroup) {
        lock.shared();
        for (String schema : generations.writtenBy(processingGroup)) {
            removal.clear(schema);
        }
    }

    /** Rows the serving processor wrote into windows since the start. */
    long fannedOut() {
        return fannedOut.get();
    }

    /** Rows the serving processor did not write because the viewer keeps no window (inactive, or never read). */
    long skipped() {
        return skipped.get();
    }

    private static <C extends HomeFeedChange> List<C> only(List<HomeFeedChange> run, Class<C> type) {
        return run.stream().map(type::cast).toList();
    }
}
