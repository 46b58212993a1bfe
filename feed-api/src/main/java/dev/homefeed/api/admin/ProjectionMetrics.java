package dev.homefeed.api.admin;

import java.util.function.ToDoubleFunction;

import dev.homefeed.projection.ProjectionOperations;
import dev.homefeed.projection.Projections;
import dev.homefeed.projection.api.ProjectionStatus;
import dev.homefeed.projection.reconciliation.Reconciliations;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.stereotype.Component;

/**
 * Per-projection gauges for dashboards, read from the background refreshes of status and rebuilds, so a scrape
 * costs no query.
 * Events handled are counted by {@link ProjectionEventCounters}.
 */
@Component
class ProjectionMetrics implements MeterBinder {

    private final ProjectionOperations projections;
    private final Projections names;
    private final Reconciliations reconciliations;

    ProjectionMetrics(ProjectionOperations projections, Projections names, Reconciliations reconciliations) {
        this.projections = projections;
        this.names = names;
        this.reconciliations = reconciliations;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        for (String name : names.names()) {
            if (reconciliations.reconcilable(name)) {
                FunctionCounter.builder("feed.projection.reconciliation.mismatches", reconciliations, r -> r.mismatchesFound(name))
                        .description("Owners (viewers) found differing from source truth by reconciliation")
                        .tag("projection", name).register(registry);
            }
            gauge(registry, "feed.projection.lag.events", "Events in the store not yet applied", name, s -> s.lagEvents());
            gauge(registry, "feed.projection.lag.ms", "Age of the oldest event not yet applied", name, s -> s.lagMillis());
            gauge(registry, "feed.projection.position", "Lowest token position over the segments", name, s -> s.position());
            gauge(registry, "feed.projection.replay.progress", "Replay progress 0..1, -1 when not replaying", name,
                    s -> s.replayProgress() == null ? -1 : s.replayProgress());
            gauge(registry, "feed.projection.dead.letters", "Events parked in the dead-letter queue", name, s -> s.deadLetters());
            gauge(registry, "feed.projection.running", "1 when RUNNING or REPLAYING", name,
                    s -> s.state().name().equals("RUNNING") || s.replaying() ? 1 : 0);
            Gauge.builder("feed.projection.generation", projections, p -> p.knownServingGeneration(name))
                    .description("The generation readers are served from").tag("projection", name).register(registry);
            Gauge.builder("feed.projection.rebuild.progress", projections, p -> p.knownRebuild(name)
                            .filter(r -> r.state().running()).map(r -> r.progress()).orElse(-1.0))
                    .description("Progress 0..1 of a running rebuild, -1 when none runs").tag("projection", name)
                    .register(registry);
            Gauge.builder("feed.projection.comparison.differences", projections, p -> p.knownRebuild(name)
                            .map(r -> r.comparison() == null ? 0 : r.comparison().viewersDiffering()).orElse(0L))
                    .description("Viewers whose rows differ between the generations in the latest rebuild's comparison")
                    .tag("projection", name).register(registry);
            Gauge.builder("feed.projection.watchdog.restarts", projections, p -> p.watchdogRestarts(name))
                    .description("Restarts after a stop nobody asked for").tag("projection", name).register(registry);
        }
    }

    private void gauge(MeterRegistry registry, String meter, String description, String name,
                       ToDoubleFunction<ProjectionStatus> value) {
        Gauge.builder(meter, projections, p -> p.latest(name).map(value::applyAsDouble).orElse(Double.NaN))
                .description(description).tag("projection", name).register(registry);
    }
}
