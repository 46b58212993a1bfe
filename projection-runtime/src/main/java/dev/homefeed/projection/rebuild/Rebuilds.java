package dev.homefeed.projection.rebuild;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

import dev.homefeed.membership.Instances;
import dev.homefeed.projection.Projections;
import dev.homefeed.projection.api.Cutover;
import dev.homefeed.projection.api.RebuildRefusedException;
import dev.homefeed.projection.api.RebuildRefusedException.Refusal;
import dev.homefeed.projection.api.RebuildState;
import dev.homefeed.projection.api.RebuildStatus;
import dev.homefeed.projection.generation.Generation.Role;
import dev.homefeed.projection.generation.GenerationSchemas;
import dev.homefeed.projection.generation.ProjectionGenerations;
import dev.homefeed.projection.lifecycle.ProjectionMonitor;
import dev.homefeed.projection.lifecycle.TokenPositions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What an operator asks of a rebuild: start one, switch readers to it, abandon it, roll back to the generation it
 * replaced. Every change of generations is one transaction that first locks the projection's generation rows, so it
 * waits for batches in flight and readers see the views before or after it, never a mix. {@link RebuildDriver} moves a
 * rebuild along between requests; the moves themselves are {@link Rebuild}'s.
 */
@Component
public class Rebuilds {

    private static final Logger log = LoggerFactory.getLogger(Rebuilds.class);

    private final RebuildRecords records;
    private final ProjectionGenerations generations;
    private final GenerationSchemas schemas;
    private final RebuildProcessors processors;
    private final ProjectionMonitor monitor;
    private final TokenPositions tokens;
    private final RebuildProgress progress;
    private final GenerationChanges changes;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final Instances instances;
    private final Projections projections;
    private final RebuildSteps steps;

    Rebuilds(RebuildRecords records, ProjectionGenerations generations, GenerationSchemas schemas,
             RebuildProcessors processors, ProjectionMonitor monitor, TokenPositions tokens, RebuildProgress progress,
             GenerationChanges changes, TransactionTemplate tx, Clock clock, Instances instances,
             Projections projections, RebuildSteps steps) {
        this.projections = projections;
        this.steps = steps;
        this.records = records;
        this.generations = generations;
        this.schemas = schemas;
        this.processors = processors;
        this.monitor = monitor;
        this.tokens = tokens;
        this.progress = progress;
        this.changes = changes;
        this.tx = tx;
        this.clock = clock;
        this.instances = instances;
    }

    /** Creates the next generation and fills it from the first event with the projection's rebuild processor. */
    public RebuildStatus start(String projection, Cutover cutover) {
        known(projection);
        if (monitor.status(projection).orElseThrow().replaying()) {
            throw new RebuildRefusedException(Refusal.RUNNING, projection + " is replaying");
        }
        Instant now = clock.instant();
        Rebuild rebuild = tx.execute(status -> {
            Optional<Rebuild> latest = records.latestForUpdate(projection);
            if (latest.isPresent() && latest.get().state().running()) {
                throw new RebuildRefusedException(Refusal.RUNNING, "a rebuild of " + projection + " is running");
            }
            generations.lock(projection);
            int number = generations.next(projection);
            schemas.create(projection, number);
            generations.add(projection, number, Role.REBUILDING, now);
            Rebuild started = Rebuild.started(records.nextId(), projection, number, generations.serving(projection).number(),
                    cutover, now, tokens.head(), instances.id());
            records.create(started);
            return started;
        });
        steps.reset(rebuild);
        log.info("Rebuild {} of {} started: generation {} replays from the first event while generation {} serves",
                rebuild.id(), projection, rebuild.generation(), rebuild.servingGeneration());
        return progress.of(records.latest(projection).orElseThrow());
    }

    public Optional<RebuildStatus> latest(String projection) {
        known(projection);
        return records.latest(projection).map(progress::of);
    }

    /** The latest rebuild as of the driver's last check (a quarter second old): no query, for gauges. */
    public Optional<RebuildStatus> lastChecked(String projection) {
        return progress.known(projection);
    }

    public Optional<Integer> knownServingGeneration(String projection) {
        return progress.knownServingGeneration(projection);
    }

    /** Switches readers to the rebuilt generation; the one it replaces is kept in lockstep for the retention. */
    public RebuildStatus cutover(String projection) {
        known(projection);
        retryingLockConflicts(() -> tx.executeWithoutResult(status -> {
            Rebuild rebuild = records.latestForUpdate(projection)
                    .orElseThrow(() -> new RebuildRefusedException(Refusal.NEVER_REBUILT, projection + " was never rebuilt"));
            if (rebuild.state() != RebuildState.READY) {
                throw new RebuildRefusedException(Refusal.NOT_READY, "the rebuild of " + projection + " is " + rebuild.state());
            }
            changes.switchTo(rebuild);
        }));
        return progress.of(records.latest(projection).orElseThrow());
    }

    /** Drops a rebuild that has not switched; serving is untouched. */
    public void abandon(String projection) {
        known(projection);
        Rebuild rebuild = records.latest(projection)
                .orElseThrow(() -> new RebuildRefusedException(Refusal.NEVER_REBUILT, projection + " was never rebuilt"));
        if (rebuild.state() == RebuildState.SWITCHED) {
            throw new RebuildRefusedException(Refusal.ALREADY_SWITCHED, "the rebuild of " + projection + " has switched");
        }
        if (!rebuild.state().running()) {
            return;
        }
        processors.stop(projection);
        tx.executeWithoutResult(status -> {
            Rebuild locked = records.latestForUpdate(projection).orElseThrow();
            if (locked.state().running()) { // else it switched or failed meanwhile, and keeps its generations
                changes.drop(projection, locked.generation());
                records.move(locked, locked.abandoned());
            }
        });
        log.info("Rebuild {} of {} abandoned: generation {} dropped", rebuild.id(), projection, rebuild.generation());
    }

    /** Serves the retained previous generation again and drops the one that replaced it. */
    public void rollback(String projection) {
        known(projection);
        retryingLockConflicts(() -> tx.executeWithoutResult(status -> changes.rollback(projection)));
    }

    /** A switch can lose a deadlock against a read or a batch; it changed nothing then, and is tried again. */
    private static void retryingLockConflicts(Runnable change) {
        for (int attempt = 1; ; attempt++) {
            try {
                change.run();
                return;
            } catch (PessimisticLockingFailureException e) {
                if (attempt == 3) {
                    throw e;
                }
            }
        }
    }

    private void known(String projection) {
        if (!projections.contains(projection)) {
            throw new RebuildRefusedException(Refusal.UNKNOWN, "no projection named " + projection);
        }
    }
}
