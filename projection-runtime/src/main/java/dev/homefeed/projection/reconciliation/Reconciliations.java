package dev.homefeed.projection.reconciliation;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import dev.homefeed.projection.Projection;
import dev.homefeed.projection.Projections;
import dev.homefeed.projection.Reconciler;
import dev.homefeed.projection.api.Reconciliation;
import dev.homefeed.projection.lifecycle.ProjectionMonitor;
import dev.homefeed.projection.lifecycle.TokenPositions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Projections checked against source truth by their {@link Reconciler}: on request, for listed owners or a random
 * sample, and in the background on a schedule, once the projection has reached the head the check found.
 */
@Component
public class Reconciliations {

    private static final Logger log = LoggerFactory.getLogger(Reconciliations.class);
    private static final Duration CATCH_UP = Duration.ofSeconds(10);

    private final Projections projections;
    private final ProjectionMonitor monitor;
    private final TokenPositions tokens;
    private final int backgroundSample;
    private final boolean backgroundRepair;
    private final Map<String, AtomicLong> mismatches = new ConcurrentHashMap<>();

    Reconciliations(Projections projections, ProjectionMonitor monitor, TokenPositions tokens,
                    @Value("${feed.projections.reconciliation-sample:100}") int backgroundSample,
                    @Value("${feed.projections.reconciliation-repair:true}") boolean backgroundRepair) {
        this.projections = projections;
        this.monitor = monitor;
        this.tokens = tokens;
        this.backgroundSample = backgroundSample;
        this.backgroundRepair = backgroundRepair;
    }

    /** Whether the projection exists and can be reconciled. */
    public boolean reconcilable(String projection) {
        return reconciler(projection).isPresent();
    }

    /** Checks the listed owners (and repairs the differing ones when asked). */
    public Reconciliation reconcile(String projection, List<Long> owners, boolean repair) {
        Reconciler reconciler = reconciler(projection).orElseThrow(() -> unknown(projection));
        Reconciliation outcome = reconciler.reconcile(owners, repair, caughtUpPosition(projection));
        mismatches.computeIfAbsent(projection, p -> new AtomicLong()).addAndGet(outcome.differing());
        return outcome;
    }

    /** Checks a random sample of owners, drawn from source truth. */
    public Reconciliation sample(String projection, int size, boolean repair) {
        Reconciler reconciler = reconciler(projection).orElseThrow(() -> unknown(projection));
        return reconcile(projection, reconciler.sample(size), repair);
    }

    /** Differing owners found since the start, by requests and the background sample. */
    public long mismatchesFound(String projection) {
        AtomicLong found = mismatches.get(projection);
        return found == null ? 0 : found.get();
    }

    @Scheduled(initialDelayString = "${feed.projections.reconciliation-interval:PT5M}",
            fixedDelayString = "${feed.projections.reconciliation-interval:PT5M}")
    void background() {
        for (Projection projection : projections.all()) {
            if (projection.reconciler().isEmpty()) {
                continue;
            }
            Reconciliation outcome = sample(projection.name(), backgroundSample, backgroundRepair);
            if (outcome.differing() > 0) {
                log.warn("Background reconciliation of {}: {} of {} sampled owners differed from source truth{}",
                        projection.name(), outcome.differing(), outcome.checked(),
                        backgroundRepair ? " and were repaired" : "");
            }
        }
    }

    private Optional<Reconciler> reconciler(String projection) {
        return projections.find(projection).flatMap(Projection::reconciler);
    }

    private static IllegalArgumentException unknown(String projection) {
        return new IllegalArgumentException("no reconcilable projection named " + projection);
    }

    /** The projection's position once it has reached the head as it stood now, or after a short wait, whichever first. */
    private long caughtUpPosition(String projection) {
        long head = tokens.head();
        long deadline = System.nanoTime() + CATCH_UP.toNanos();
        long position = monitor.status(projection).orElseThrow().position();
        while (position < head && System.nanoTime() < deadline) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            position = monitor.status(projection).orElseThrow().position();
        }
        return position;
    }
}
