package dev.homefeed.api.admin;

import dev.homefeed.query.homefeed.HomeFeedMetrics;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.stereotype.Component;

/**
 * The home feed's windows for dashboards: rows kept, active viewers, rows fanned out and rows not written for viewers
 * without a window. Reads by what served them are counted where the page is answered ({@code HomeFeedController}).
 */
@Component
class HomeFeedMeters implements MeterBinder {

    private final HomeFeedMetrics metrics;

    HomeFeedMeters(HomeFeedMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder("feed.home-feed.rows", metrics, HomeFeedMetrics::storedRows)
                .description("Rows the serving generation of user_feed keeps, over every window").register(registry);
        Gauge.builder("feed.home-feed.active.viewers", metrics, HomeFeedMetrics::activeViewers)
                .description("Viewers who read their feed within feed.home-feed.inactive-after").register(registry);
        FunctionCounter.builder("feed.home-feed.fanout.rows", metrics, HomeFeedMetrics::fanOutRows)
                .description("Rows fanned out into windows by this instance").register(registry);
        FunctionCounter.builder("feed.home-feed.fanout.skipped", metrics, HomeFeedMetrics::fanOutSkipped)
                .description("Rows not written because the viewer keeps no window (inactive, or never read)").register(registry);
    }
}
