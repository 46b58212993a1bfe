package dev.homefeed.projection;

import java.util.List;
import java.util.Optional;

import dev.homefeed.projection.api.ProjectionOverview;
import dev.homefeed.projection.api.ProjectionStatus;
import dev.homefeed.projection.api.RebuildStatus;
import dev.homefeed.projection.api.ReplayRefusedException;
import dev.homefeed.projection.generation.ProjectionGenerations;
import dev.homefeed.projection.instances.InstanceDirectory;
import dev.homefeed.projection.lifecycle.ProcessorWatchdog;
import dev.homefeed.projection.lifecycle.ProjectionMonitor;
import dev.homefeed.projection.lifecycle.ProjectionReplays;
import dev.homefeed.projection.lifecycle.ReplayProgressLog;
import dev.homefeed.projection.rebuild.Rebuilds;
import org.springframework.stereotype.Component;

/**
 * What an operator sees of the projections and the replay they ask for: statuses, and each projection's overview
 * gathered from the rooms behind it ({@code lifecycle}: status, replay, progress, watchdog; {@code generation};
 * {@code rebuild}; {@code instances}). Rebuilds ({@link Rebuilds}), dead letters ({@code DeadLetters}) and instances
 * ({@link InstanceDirectory}) are front doors of their own.
 */
@Component
public class ProjectionOperations {

    private final ProjectionMonitor monitor;
    private final ProjectionReplays replays;
    private final ReplayProgressLog progress;
    private final ProcessorWatchdog watchdog;
    private final Rebuilds rebuilds;
    private final ProjectionGenerations generations;
    private final InstanceDirectory instances;

    ProjectionOperations(ProjectionMonitor monitor, ProjectionReplays replays, ReplayProgressLog progress,
                         ProcessorWatchdog watchdog, Rebuilds rebuilds, ProjectionGenerations generations,
                         InstanceDirectory instances) {
        this.monitor = monitor;
        this.replays = replays;
        this.progress = progress;
        this.watchdog = watchdog;
        this.rebuilds = rebuilds;
        this.generations = generations;
        this.instances = instances;
    }

    /** Every projection, read from the token store now. */
    public List<ProjectionStatus> statuses() {
        return monitor.statuses();
    }

    /** One projection read from the token store now; empty for an unknown name. */
    public Optional<ProjectionStatus> status(String name) {
        return monitor.status(name);
    }

    /** The status from the last background refresh, without touching the database (for metrics). */
    public Optional<ProjectionStatus> latest(String name) {
        return monitor.latest(name);
    }

    /** The projection as its status stands, with its replay, serving generation, running rebuild and segments. */
    public ProjectionOverview overview(ProjectionStatus status) {
        String name = status.name();
        RebuildStatus running = rebuilds.latest(name).filter(r -> r.state().running()).orElse(null);
        return new ProjectionOverview(status, status.replaying() ? progress.figures(name).orElse(null) : null,
                generations.serving(name).number(), running, instances.segments(name));
    }

    /** Rebuilds the projection in place by resetting its tokens; the status as it stands once the replay is accepted. */
    public ProjectionStatus replay(String name) throws ReplayRefusedException {
        return replays.replay(name);
    }

    /** How often the watchdog started the projection again after a stop nobody asked for. */
    public long watchdogRestarts(String name) {
        return watchdog.restarts(name);
    }

    /** The serving generation as of the last background check, without touching the database once one has run. */
    public int knownServingGeneration(String name) {
        return rebuilds.knownServingGeneration(name).orElseGet(() -> generations.serving(name).number());
    }

    /** The running or most recent rebuild as of the last background check, without touching the database. */
    public Optional<RebuildStatus> knownRebuild(String name) {
        return rebuilds.lastChecked(name);
    }
}
