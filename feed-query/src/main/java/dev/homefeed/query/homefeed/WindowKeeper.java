package dev.homefeed.query.homefeed;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import dev.homefeed.projection.generation.Generation;
import dev.homefeed.projection.generation.ProjectionGenerations;
import dev.homefeed.projection.lifecycle.TokenPositions;
import dev.homefeed.query.api.ProjectionNames;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.NonTransientDataAccessException;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Keeps the windows of the generations the serving processor writes in line with who reads, in the background:
 * materializes the window of a viewer whose read found none (a new or returning viewer: that read was answered from
 * source truth), the windows a replay or rebuild left waiting, and drops the windows of viewers who stopped reading.
 * Each step holds the windows' lock in its own short transaction, and none runs while the serving processor replays,
 * since a window made from half-refilled tables would miss posts.
 */
@Component
class WindowKeeper {

    private static final Logger log = LoggerFactory.getLogger(WindowKeeper.class);
    /** Windows dropped per transaction. */
    static final int CHUNK = 200;
    /** Windows written per transaction: each is up to a window of rows, written while the projector's batches wait. */
    static final int WRITE_CHUNK = 50;
    private static final Duration SEED_INTERVAL = Duration.ofSeconds(1);

    private final FeedWindows windows;
    private final WindowLock lock;
    private final HomeFeedWindow window;
    private final ViewerActivity activity;
    private final ProjectionGenerations generations;
    private final TokenPositions tokens;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final Duration sweepInterval;
    private final Set<Long> requested = ConcurrentHashMap.newKeySet();
    private Instant lastSweep = Instant.EPOCH;
    private Instant lastSeed = Instant.EPOCH;

    WindowKeeper(FeedWindows windows, WindowLock lock, HomeFeedWindow window, ViewerActivity activity,
                 ProjectionGenerations generations, TokenPositions tokens, TransactionTemplate tx, Clock clock) {
        this.windows = windows;
        this.lock = lock;
        this.window = window;
        this.activity = activity;
        this.generations = generations;
        this.tokens = tokens;
        this.tx = tx;
        this.clock = clock;
        // Inactive windows go within about a quarter of the inactivity period, and at least every minute.
        Duration quarter = window.inactiveAfter().dividedBy(4);
        this.sweepInterval = quarter.compareTo(Duration.ofMinutes(1)) < 0 ? quarter : Duration.ofMinutes(1);
    }

    /** A read found no window for the viewer: materialize one soon. */
    void request(long viewer) {
        requested.add(viewer);
    }

    @Scheduled(fixedDelayString = "${feed.home-feed.window-interval:200ms}")
    void keep() {
        Instant now = clock.instant();
        if (!lastSeed.isAfter(now.minus(SEED_INTERVAL))) {
            lastSeed = now;
            seedShadows();
        }
        // Asked without the lock first: during a replay, taking it five times a second held back every batch for nothing.
        if (!replaying()) {
            materializeRequested();
            materializePending();
        }
        if (!lastSweep.isAfter(now.minus(sweepInterval))) {
            lastSweep = now;
            dropInactive(now.minus(window.inactiveAfter()));
        }
    }

    /** Materializes the windows asked for by reads, in every generation the serving processor writes. */
    void materializeRequested() {
        while (!requested.isEmpty()) {
            List<Long> viewers = take(WRITE_CHUNK);
            boolean done;
            try {
                done = materializeRequested(viewers);
            } catch (NonTransientDataAccessException failed) {
                // One window that cannot be written must not hold back the others: each is tried on its own.
                viewers.forEach(viewer -> materializeAlone(viewer, () -> materializeRequested(List.of(viewer))));
                done = true;
            }
            if (!done) {
                requested.addAll(viewers);
                return;
            }
        }
    }

    private boolean materializeRequested(List<Long> viewers) {
        return Boolean.TRUE.equals(tx.execute(status -> {
            if (!lockedAndCaughtUp()) {
                return false;
            }
            for (String schema : keepingWindows()) {
                List<Long> missing = new ArrayList<>(viewers);
                missing.removeAll(windows.materialized(schema, viewers));
                windows.materialize(schema, missing, window.size());
            }
            // Recorded with the windows, so that a sweep before the reads' own flush does not drop them again.
            Instant now = clock.instant();
            activity.record(viewers, Collections.nCopies(viewers.size(), now));
            return true;
        }));
    }

    /**
     * Materializes the windows a replay or rebuild left waiting. The generation retained for a rollback keeps no
     * waiting windows: they are dropped, and should it serve again, its readers get theirs on their first read.
     */
    void materializePending() {
        List<String> keeping = keepingWindows();
        for (String schema : generations.writtenBy(ProjectionNames.HOME_FEED)) {
            if (windows.pending(schema, 1).isEmpty()) {
                continue; // almost always: no lock taken, so the projector's batches are not held back five times a second
            }
            if (!keeping.contains(schema)) {
                tx.executeWithoutResult(status -> {
                    lock.exclusive();
                    windows.dropPending(schema);
                });
                continue;
            }
            int written;
            do {
                try {
                    written = tx.execute(status -> {
                        if (!lockedAndCaughtUp()) {
                            return 0;
                        }
                        List<Long> pending = windows.pending(schema, WRITE_CHUNK);
                        windows.materialize(schema, pending, window.size());
                        return pending.size();
                    });
                } catch (NonTransientDataAccessException failed) {
                    List<Long> pending = tx.execute(status -> windows.pending(schema, WRITE_CHUNK));
                    pending.forEach(viewer -> materializeAlone(viewer, () -> tx.executeWithoutResult(status -> {
                        if (lockedAndCaughtUp()) {
                            windows.materialize(schema, List.of(viewer), window.size());
                        }
                    })));
                    written = pending.size();
                }
                if (written > 0) {
                    log.debug("Materialized {} waiting windows in {}", written, schema);
                }
            } while (written == WRITE_CHUNK);
        }
    }

    /**
     * Writes one viewer's window; if even that fails (a row a generation refuses), the viewer keeps no window there,
     * so their reads come from source truth, complete, and nothing waits for it.
     */
    private void materializeAlone(long viewer, Runnable materialize) {
        try {
            materialize.run();
        } catch (NonTransientDataAccessException failed) {
            // The first line only: PostgreSQL's detail lines quote the failing row, post text included.
            log.warn("The window of viewer {} could not be written ({}); the viewer keeps none, and reads it from source"
                    + " truth", viewer, failed.getMostSpecificCause().getMessage().lines().findFirst().orElse(""));
            tx.executeWithoutResult(status -> {
                lock.exclusive();
                for (String schema : generations.writtenBy(ProjectionNames.HOME_FEED)) {
                    windows.drop(schema, List.of(viewer));
                }
            });
        }
    }

    /** Drops the windows of viewers who have not read their feed since {@code cutoff}. */
    void dropInactive(Instant cutoff) {
        for (String schema : generations.writtenBy(ProjectionNames.HOME_FEED)) {
            int dropped;
            do {
                dropped = tx.execute(status -> {
                    lock.exclusive();
                    List<Long> inactive = windows.inactive(schema, cutoff, CHUNK);
                    windows.drop(schema, inactive);
                    return inactive.size();
                });
                if (dropped > 0) {
                    log.info("Dropped the windows of {} viewers who have not read their feed since {} in {}", dropped, cutoff, schema);
                }
            } while (dropped == CHUNK);
        }
    }

    /**
     * A rebuilt generation written in lockstep until its switch keeps the serving one's viewers, so that the two can be
     * compared. The one retained for a rollback does not: it keeps the windows it had when it stopped serving.
     */
    void seedShadows() {
        String serving = generations.serving(ProjectionNames.HOME_FEED).schema();
        for (String schema : keepingWindows()) {
            if (!schema.equals(serving)) {
                windows.addServingViewers(schema);
            }
        }
    }

    /**
     * The generations that materialize windows: the serving one and a rebuilt one before its switch. Writing each
     * window twice more for a generation kept only for a rollback halved how fast returning readers got theirs.
     */
    private List<String> keepingWindows() {
        return generations.of(ProjectionNames.HOME_FEED).stream()
                .filter(g -> g.role() == Generation.Role.SERVING || g.role() == Generation.Role.SHADOW && g.retainedUntil() == null)
                .map(Generation::schema)
                .toList();
    }

    /**
     * Takes the windows' lock, then looks whether the serving processor is replaying: a replay resets its tokens in
     * the transaction that empties its tables, so once the lock is held the tokens tell the truth.
     */
    private boolean lockedAndCaughtUp() {
        lock.exclusive();
        return !replaying();
    }

    private boolean replaying() {
        return tokens.segments(ProjectionNames.HOME_FEED).stream().anyMatch(TokenPositions.Segment::replaying);
    }

    private List<Long> take(int count) {
        List<Long> taken = new ArrayList<>(count);
        Iterator<Long> it = requested.iterator();
        while (it.hasNext() && taken.size() < count) {
            taken.add(it.next());
            it.remove();
        }
        return taken;
    }
}
