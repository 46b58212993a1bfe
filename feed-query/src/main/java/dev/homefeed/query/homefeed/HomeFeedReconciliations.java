package dev.homefeed.query.homefeed;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import dev.homefeed.query.api.ProjectionNames;
import dev.homefeed.query.api.Reconciliation;
import dev.homefeed.query.api.Reconciliation.ViewerReconciliation;
import dev.homefeed.query.ops.generation.ProjectionGenerations;
import dev.homefeed.query.ops.lifecycle.ProjectionMonitor;
import dev.homefeed.query.ops.lifecycle.TokenPositions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The home feed's front door for reconciliation: viewers' rows in the serving generation checked against the feed
 * computed from source truth ({@link SourceFeeds}), once the projection has reached the head the request found, and
 * repaired on request, one transaction per viewer. A background sample runs on a schedule.
 */
@Component
public class HomeFeedReconciliations {

    private static final Logger log = LoggerFactory.getLogger(HomeFeedReconciliations.class);
    private static final Duration CATCH_UP = Duration.ofSeconds(10);

    private final SourceFeeds feeds;
    private final ProjectionMonitor monitor;
    private final TokenPositions tokens;
    private final ProjectionGenerations generations;
    private final FanOutThreshold threshold;
    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final int backgroundSample;
    private final boolean backgroundRepair;
    private final AtomicLong mismatches = new AtomicLong();

    HomeFeedReconciliations(SourceFeeds feeds, ProjectionMonitor monitor, TokenPositions tokens,
                            ProjectionGenerations generations, FanOutThreshold threshold, JdbcClient jdbc,
                            TransactionTemplate tx,
                            @Value("${feed.projections.reconciliation-sample:100}") int backgroundSample,
                            @Value("${feed.projections.reconciliation-repair:true}") boolean backgroundRepair) {
        this.feeds = feeds;
        this.monitor = monitor;
        this.tokens = tokens;
        this.generations = generations;
        this.threshold = threshold;
        this.jdbc = jdbc;
        this.tx = tx;
        this.backgroundSample = backgroundSample;
        this.backgroundRepair = backgroundRepair;
    }

    /** Checks the listed viewers (and repairs the differing ones when asked). */
    public Reconciliation reconcile(List<Long> viewers, boolean repair) {
        long position = caughtUpPosition();
        List<ViewerReconciliation> differing = feeds.differences(viewers, threshold.followers(), position);
        mismatches.addAndGet(differing.size());
        List<ViewerReconciliation> reported = new ArrayList<>();
        for (ViewerReconciliation viewer : differing) {
            if (repair) {
                long id = Long.parseLong(viewer.viewerId());
                tx.executeWithoutResult(status -> feeds.rewrite(
                        generations.writtenBy(ProjectionNames.HOME_FEED).get(0), id, threshold.followers(), position));
                log.warn("Reconciliation repaired the feed of viewer {}: {} rows missing, {} extra, {} changed", id,
                        viewer.missing(), viewer.extra(), viewer.changed());
            }
            reported.add(new ViewerReconciliation(viewer.viewerId(), viewer.missing(), viewer.extra(), viewer.changed(), repair));
        }
        int checked = (int) viewers.stream().distinct().count();
        return new Reconciliation(position, checked, differing.size(), repair ? differing.size() : 0, reported);
    }

    /** Checks a random sample of viewers, drawn from source truth: everyone who posts or follows. */
    public Reconciliation sample(int size, boolean repair) {
        List<Long> viewers = jdbc.sql("""
                SELECT viewer FROM (SELECT follower_id AS viewer FROM following UNION SELECT author_id FROM post_by_author) v
                ORDER BY random() LIMIT :size""")
                .param("size", size).query(Long.class).list();
        return reconcile(viewers, repair);
    }

    /** Differing viewers found since the start, by requests and the background sample. */
    public long mismatchesFound() {
        return mismatches.get();
    }

    @Scheduled(initialDelayString = "${feed.projections.reconciliation-interval:PT5M}",
            fixedDelayString = "${feed.projections.reconciliation-interval:PT5M}")
    void background() {
        Reconciliation outcome = sample(backgroundSample, backgroundRepair);
        if (outcome.differing() > 0) {
            log.warn("Background reconciliation: {} of {} sampled feeds differed from source truth{}", outcome.differing(),
                    outcome.checked(), backgroundRepair ? " and were repaired" : "");
        }
    }

    /** The projection's position once it has reached the head as it stood now, or after a short wait, whichever first. */
    private long caughtUpPosition() {
        long head = tokens.head();
        long deadline = System.nanoTime() + CATCH_UP.toNanos();
        long position = monitor.status(ProjectionNames.HOME_FEED).orElseThrow().position();
        while (position < head && System.nanoTime() < deadline) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            position = monitor.status(ProjectionNames.HOME_FEED).orElseThrow().position();
        }
        return position;
    }
}
