package dev.homefeed.query.homefeed;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import dev.homefeed.command.api.SourceTruth;
import dev.homefeed.projection.Reconciler;
import dev.homefeed.projection.api.Reconciliation;
import dev.homefeed.projection.api.Reconciliation.ViewerReconciliation;
import dev.homefeed.projection.generation.ProjectionGenerations;
import dev.homefeed.query.api.ProjectionNames;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Viewers' rows in the serving generation checked against the feed computed from source truth ({@link SourceFeeds}),
 * and repaired on request, one transaction per viewer.
 */
@Component
class HomeFeedReconciler implements Reconciler {

    private static final Logger log = LoggerFactory.getLogger(HomeFeedReconciler.class);

    private final SourceFeeds feeds;
    private final ProjectionGenerations generations;
    private final FanOutThreshold threshold;
    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final WindowLock lock;

    HomeFeedReconciler(SourceFeeds feeds, ProjectionGenerations generations, FanOutThreshold threshold, JdbcClient jdbc,
                       TransactionTemplate tx, WindowLock lock) {
        this.lock = lock;
        this.feeds = feeds;
        this.generations = generations;
        this.threshold = threshold;
        this.jdbc = jdbc;
        this.tx = tx;
    }

    @Override
    public Reconciliation reconcile(List<Long> viewers, boolean repair, long position) {
        List<ViewerReconciliation> differing = feeds.differences(viewers, threshold.followers(), position);
        List<ViewerReconciliation> reported = new ArrayList<>();
        for (ViewerReconciliation viewer : differing) {
            if (repair) {
                long id = Long.parseLong(viewer.viewerId());
                tx.executeWithoutResult(status -> {
                    lock.exclusive();
                    feeds.rewrite(generations.writtenBy(ProjectionNames.HOME_FEED).get(0), id, threshold.followers(), position);
                });
                log.warn("Reconciliation repaired the feed of viewer {}: {} rows missing, {} extra, {} changed", id,
                        viewer.missing(), viewer.extra(), viewer.changed());
            }
            reported.add(new ViewerReconciliation(viewer.viewerId(), viewer.missing(), viewer.extra(), viewer.changed(), repair));
        }
        int checked = (int) viewers.stream().distinct().count();
        return new Reconciliation(position, checked, differing.size(), repair ? differing.size() : 0, reported);
    }

    /**
     * Everyone who posts or follows is a viewer to sample. The sample starts at a random id and reads on in id order
     * (wrapping round to the lowest), two index range scans that stop after {@code size} viewers, where ordering the
     * whole union by {@code random()} read both tables whole.
     */
    @Override
    public List<Long> sample(int size) {
        record Range(Long lowest, Long highest) {
        }
        Range range = jdbc.sql(SourceTruth.viewerIdRange())
                .query((rs, i) -> new Range(rs.getObject(1, Long.class), rs.getObject(2, Long.class))).single();
        if (range.lowest() == null) {
            return List.of();
        }
        long lowest = range.lowest();
        long highest = range.highest();
        long start = lowest == highest ? lowest : ThreadLocalRandom.current().nextLong(lowest, highest + 1);
        List<Long> viewers = new ArrayList<>(viewersFrom(start, size));
        if (viewers.size() < size) {
            viewersFrom(lowest, size - viewers.size()).stream()
                    .filter(v -> v < start)
                    .forEach(viewers::add);
        }
        return viewers;
    }

    private List<Long> viewersFrom(long start, int size) {
        return jdbc.sql("SELECT viewer FROM (" + SourceTruth.viewersFrom() + ") v ORDER BY viewer LIMIT :size")
                .param("start", start).param("size", size).query(Long.class).list();
    }
}
