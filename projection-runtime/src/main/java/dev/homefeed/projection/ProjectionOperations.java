package dev.homefeed.projection;

import java.util.List;
import java.util.Optional;

import dev.homefeed.projection.api.DeadLetterPage;
import dev.homefeed.projection.api.DeadLetterPosition;
import dev.homefeed.projection.api.DeadLetterRetry;
import dev.homefeed.projection.api.InstanceStatus;
import dev.homefeed.projection.api.ProjectionStatus;
import dev.homefeed.projection.api.ReplayFigures;
import dev.homefeed.projection.api.RebuildRefusedException;
import dev.homefeed.projection.api.RebuildStatus;
import dev.homefeed.projection.api.ReplayRefusedException;
import dev.homefeed.projection.api.SegmentStatus;
import dev.homefeed.projection.deadletter.DeadLetters;
import dev.homefeed.projection.instances.InstanceDirectory;
import dev.homefeed.projection.lifecycle.ProcessorWatchdog;
import dev.homefeed.projection.lifecycle.ProjectionMonitor;
import dev.homefeed.projection.lifecycle.ProjectionReplays;
import dev.homefeed.projection.generation.ProjectionGenerations;
import dev.homefeed.projection.lifecycle.ReplayProgressLog;
import dev.homefeed.projection.rebuild.Rebuilds;
import org.springframework.stereotype.Component;

/**
 * The projections' front door for operators: status, replay, rebuild and dead letters of every projection. The
 * rooms behind it are {@code lifecycle} (status, replay, progress, watchdog), {@code generation} (the schemas of a
 * projection's generations), {@code rebuild} (blue/green rebuilds), {@code deadletter} and {@code batching} (the
 * projectors' write path), {@code instances} (several instances on one database).
 */
@Component
public class ProjectionOperations {

    private final ProjectionMonitor monitor;
    private final ProjectionReplays replays;
    private final ReplayProgressLog progress;
    private final ProcessorWatchdog watchdog;
    private final DeadLetters deadLetters;
    private final Rebuilds rebuilds;
    private final ProjectionGenerations generations;
    private final InstanceDirectory instances;

    ProjectionOperations(ProjectionMonitor monitor, ProjectionReplays replays, ReplayProgressLog progress,
                         ProcessorWatchdog watchdog, DeadLetters deadLetters, Rebuilds rebuilds,
                         ProjectionGenerations generations, InstanceDirectory instances) {
        this.monitor = monitor;
        this.replays = replays;
        this.progress = progress;
        this.watchdog = watchdog;
        this.deadLetters = deadLetters;
        this.rebuilds = rebuilds;
        this.generations = generations;
        this.instances = instances;
    }

    /** The id of the instance answering. */
    public String instanceId() {
        return instances.self();
    }

    /** The live instances on this database, each with the segments it owns. */
    public List<InstanceStatus> instances() {
        return instances.live();
    }

    /** The projection's serving segments, their owners and positions. */
    public List<SegmentStatus> segments(String name) {
        return instances.segments(name);
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

    /** Rebuilds the projection in place by resetting its tokens; the status as it stands once the replay is accepted. */
    public ProjectionStatus replay(String name) throws ReplayRefusedException {
        return replays.replay(name);
    }

    /** The rate and time left of a running replay. */
    public Optional<ReplayFigures> replayFigures(String name) {
        return progress.figures(name);
    }

    /** How often the watchdog started the projection again after a stop nobody asked for. */
    public long watchdogRestarts(String name) {
        return watchdog.restarts(name);
    }

    /** The number of the generation the public views name. */
    public int servingGeneration(String name) {
        return generations.serving(name).number();
    }

    /** Starts a blue/green rebuild: a new generation filled from the first event while the serving one goes on. */
    public RebuildStatus rebuild(String name, String cutover) throws RebuildRefusedException {
        return rebuilds.start(name, cutover);
    }

    /** The running or most recent rebuild. */
    public Optional<RebuildStatus> latestRebuild(String name) throws RebuildRefusedException {
        return rebuilds.latest(name);
    }

    public RebuildStatus cutover(String name) throws RebuildRefusedException {
        return rebuilds.cutover(name);
    }

    public void abandonRebuild(String name) throws RebuildRefusedException {
        rebuilds.abandon(name);
    }

    /** Serves the retained previous generation again; the projection as it stands then. */
    public ProjectionStatus rollback(String name) throws RebuildRefusedException {
        rebuilds.rollback(name);
        return monitor.status(name).orElseThrow();
    }

    public DeadLetterPage deadLetters(String name, int limit, DeadLetterPosition after) {
        return deadLetters.page(name, limit, after);
    }

    /** Tries every parked sequence of the projection once, now. */
    public DeadLetterRetry retryDeadLetters(String name) {
        return deadLetters.retryAll(name);
    }

    /** Evicts one letter for good (logged); false when the projection holds no letter with this id. */
    public boolean evictDeadLetter(String name, String id) {
        return deadLetters.evict(name, id);
    }
}
