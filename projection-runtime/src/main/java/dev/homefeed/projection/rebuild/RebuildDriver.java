package dev.homefeed.projection.rebuild;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

import dev.homefeed.membership.Instances;
import dev.homefeed.projection.Projections;
import dev.homefeed.projection.api.GenerationComparison;
import dev.homefeed.projection.api.RebuildState;
import dev.homefeed.projection.generation.Generation.Role;
import dev.homefeed.projection.generation.ProjectionGenerations;
import dev.homefeed.projection.lifecycle.ServingProcessors;
import dev.homefeed.projection.lifecycle.TokenPositions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Moves every running rebuild along, from the database's record of it, so a restart resumes where it stood:
 * <ol>
 *   <li>BUILDING: the rebuild processor replays into the new generation; progress is logged every 10 %.</li>
 *   <li>Caught up: the serving processor pauses, the rebuild processor passes the serving one's position and stops,
 *       and the new generation becomes a shadow that the serving processor writes in lockstep from its own position.
 *       Events the rebuild processor applied past that position are applied to the shadow once more, in order, which
 *       the projections' idempotence makes harmless.</li>
 *   <li>COMPARING: once the serving processor has passed the rebuild processor's last event, both generations are
 *       compared in one repeatable-read snapshot, so at one position; READY then, and with {@code auto} a clean
 *       comparison switches at once.</li>
 * </ol>
 */
@Component
class RebuildDriver {

    private static final Logger log = LoggerFactory.getLogger(RebuildDriver.class);
    private static final Duration HAND_OVER_PATIENCE = Duration.ofSeconds(30);
    private static final Duration UNSTARTED_PATIENCE = Duration.ofSeconds(30);

    private final RebuildRecords records;
    private final RebuildSteps steps;
    private final GenerationChanges changes;
    private final RebuildProcessors processors;
    private final ServingProcessors serving;
    private final ProjectionGenerations generations;
    private final Comparisons comparisons;
    private final TokenPositions tokens;
    private final TransactionTemplate tx;
    private final TransactionTemplate snapshot;
    private final Clock clock;
    private final Instances instances;
    private final Projections projections;
    private final RebuildProgress progress;

    RebuildDriver(RebuildRecords records, RebuildSteps steps, GenerationChanges changes, RebuildProcessors processors, ServingProcessors serving,
                  ProjectionGenerations generations, Comparisons comparisons, TokenPositions tokens,
                  TransactionTemplate tx, PlatformTransactionManager transactions, Clock clock,
                  Instances instances, Projections projections, RebuildProgress progress) {
        this.projections = projections;
        this.records = records;
        this.steps = steps;
        this.progress = progress;
        this.changes = changes;
        this.processors = processors;
        this.serving = serving;
        this.generations = generations;
        this.comparisons = comparisons;
        this.tokens = tokens;
        this.tx = tx;
        this.snapshot = new TransactionTemplate(transactions);
        this.snapshot.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
        this.snapshot.setReadOnly(true);
        this.clock = clock;
        this.instances = instances;
    }

    @Scheduled(fixedDelayString = "${feed.projections.rebuild-interval:250ms}")
    void advance() {
        List<Rebuild> latest = records.latestOfEach();
        progress.remember(latest, generations.servingOfEach());
        List<Rebuild> running = latest.stream().filter(r -> r.state().running()).toList();
        List<String> live = running.isEmpty() ? List.of() : instances.live().stream().map(Instances.Instance::id).toList();
        for (Rebuild rebuild : running) {
            if (!records.drive(rebuild, instances.id(), live)) {
                continue; // another live instance drives it
            }
            if (!instances.id().equals(rebuild.driver())) {
                log.info("Rebuild {} of {}: this instance takes it over from {}", rebuild.id(), rebuild.projection(),
                        rebuild.driver() == null ? "nobody" : "the dead instance " + rebuild.driver());
            }
            try {
                switch (rebuild.state()) {
                    case BUILDING -> build(rebuild);
                    case COMPARING -> compare(rebuild);
                    default -> {
                        // READY waits for a person, or ended.
                    }
                }
            } catch (TransientDataAccessException | ServingProcessors.PauseRefusedException e) {
                // A deadlock or lock timeout against readers or batches, or another instance pausing the serving
                // processor for a replay: nothing is lost, the next check tries again.
                log.warn("Rebuild {} of {} will try again: {}", rebuild.id(), rebuild.projection(), e.getMessage());
            } catch (RuntimeException e) {
                steps.fail(rebuild, e);
            }
        }
        for (String projection : projections.names()) {
            changes.dropExpired(projection);
            if (processors.running(projection) && !generations.rebuildingNow(projection)) {
                // Started again by a check that raced an abandon or a failure: nothing left for it to write.
                processors.stop(projection);
            }
        }
    }

    private void build(Rebuild rebuild) {
        String projection = rebuild.projection();
        if (rebuild.resetAt() == null) {
            if (rebuild.startedAt().isBefore(clock.instant().minus(UNSTARTED_PATIENCE))) {
                // The instance that started it died before resetting the tokens.
                log.info("Rebuild {} of {} was never reset; resetting its tokens now", rebuild.id(), projection);
                steps.reset(rebuild);
            }
            return;
        }
        if (processors.resume(projection)) {
            log.info("Rebuild {} of {} resumes building generation {}", rebuild.id(), projection, rebuild.generation());
            return;
        }
        long head = tokens.head();
        long position = processors.livePosition(projection);
        progress.log(rebuild, position, head);
        if (processors.caughtUp(projection, head)) {
            handOver(rebuild);
            // Compared at once rather than at the next check: nothing else has to happen in between.
            records.latest(projection).filter(r -> r.id() == rebuild.id() && r.state() == RebuildState.COMPARING)
                    .ifPresent(this::compare);
        }
    }

    private void handOver(Rebuild rebuild) {
        String projection = rebuild.projection();
        serving.pausedWhile(projection, "rebuild hand-over", () -> {
            long target = tokens.segments(projection).stream().mapToLong(TokenPositions.Segment::position).max().orElse(0);
            processors.awaitPosition(projection, target, HAND_OVER_PATIENCE);
            processors.stop(projection);
            tx.executeWithoutResult(status -> {
                generations.lock(projection);
                generations.setRole(projection, rebuild.generation(), Role.SHADOW, null);
                records.move(rebuild, rebuild.caughtUp(clock.instant()));
            });
        });
        progress.forget(rebuild);
        log.info("Rebuild {} of {}: generation {} caught up and is written in lockstep with generation {}; comparing",
                rebuild.id(), projection, rebuild.generation(), rebuild.servingGeneration());
    }

    /**
     * Compares once the serving processor, which writes both generations in lockstep since the hand-over, has passed
     * every event the rebuild processor applied before it: until then the new generation holds events the serving
     * one has yet to see, and the two would differ for no fault of either.
     */
    private void compare(Rebuild rebuild) {
        String projection = rebuild.projection();
        long serving = tokens.segments(projection).stream().mapToLong(TokenPositions.Segment::position).min().orElse(0);
        if (serving < processors.furthestPosition(projection)) {
            return; // the next check looks again
        }
        if (!comparisons.ready(projection, rebuild.generation())) {
            return; // the rebuilt generation still writes what it keeps after the hand-over (such as windows)
        }
        int servingNow = generations.serving(projection).number();
        GenerationComparison comparison = snapshot.execute(status -> comparisons.compare(projection, servingNow,
                rebuild.generation(), serving));
        tx.executeWithoutResult(status -> {
            Rebuild ready = rebuild.compared(comparison);
            records.move(rebuild, ready);
            log.info("Rebuild {} of {} compared at position {}: {} viewers, {} differ ({} rows only serving, {} only rebuilt, {} changed);"
                            + " {} rows of the posts, followers and authors tables differ",
                    rebuild.id(), projection, comparison.position(), comparison.viewers(), comparison.viewersDiffering(),
                    comparison.rowsOnlyServing(), comparison.rowsOnlyRebuilt(), comparison.rowsChanged(),
                    comparison.supportRowsDiffering());
            if (ready.switchesItself()) {
                changes.switchTo(records.latestForUpdate(projection).orElseThrow());
            } else if (!comparison.clean()) {
                log.warn("Rebuild {} of {} waits at READY: the generations differ (sample: {})", rebuild.id(), projection,
                        comparison.sample());
            }
        });
    }
}
