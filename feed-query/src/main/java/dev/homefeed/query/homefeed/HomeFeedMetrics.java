package dev.homefeed.query.homefeed;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * What the windows cost, for metrics and the operations page: rows written and not written by this instance's fan-out,
 * and, refreshed in the background, the rows the serving generation keeps and the viewers who count as active.
 */
@Component
public class HomeFeedMetrics {

    private final HomeFeedPipeline pipeline;
    private final ViewerActivity activity;
    private final HomeFeedWindow window;
    private final JdbcClient jdbc;
    private volatile long storedRows;
    private volatile long activeViewers;

    HomeFeedMetrics(HomeFeedPipeline pipeline, ViewerActivity activity, HomeFeedWindow window, JdbcClient jdbc) {
        this.pipeline = pipeline;
        this.activity = activity;
        this.window = window;
        this.jdbc = jdbc;
    }

    /** Rows the serving processor fanned out into windows on this instance since it started. */
    public long fanOutRows() {
        return pipeline.fannedOut();
    }

    /** Rows it did not write because the viewer keeps no window (inactive, or never read). */
    public long fanOutSkipped() {
        return pipeline.skipped();
    }

    /** Rows the serving generation keeps, as its windows count them, at the last refresh. */
    public long storedRows() {
        return storedRows;
    }

    /** Viewers who read their feed within {@code feed.home-feed.inactive-after}, at the last refresh. */
    public long activeViewers() {
        return activeViewers;
    }

    @Scheduled(initialDelay = 1_000, fixedDelayString = "${feed.home-feed.metrics-refresh:10s}")
    void refresh() {
        storedRows = jdbc.sql("SELECT coalesce(sum(stored), 0) FROM home_feed_viewer").query(Long.class).single();
        activeViewers = activity.active(window.inactiveAfter());
    }
}
