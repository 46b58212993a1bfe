package dev.homefeed.projection.lifecycle;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

import dev.homefeed.projection.Projections;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Notices a projection processor that stopped without an admin request (Axon shuts a processor down on an
 * unrecoverable error), reports it and starts it again, so a projection never silently stops following the source.
 * It restarts on the second check that finds the processor stopped, so health shows the stop for at least one
 * interval before it is repaired.
 * <p>
 * A processor whose segment failed (the database went away) keeps running and retries by itself, with Axon's
 * backoff that doubles up to a minute between tries. Once the database answers again, a segment still in error at
 * two checks in a row has its processor started afresh, so the projection resumes within about two checks of the
 * database's return, not a minute later. While the database is away the watchdog leaves the processors alone, and it
 * restarts a processor for an error at most once a minute, so an error that is not the database's costs no more
 * tries than Axon's backoff would.
 */
@Component
public class ProcessorWatchdog {

    private static final Logger log = LoggerFactory.getLogger(ProcessorWatchdog.class);
    private static final Duration ERROR_RESTART_SPACING = Duration.ofMinutes(1);
    private static final Duration SHUTDOWN_PATIENCE = Duration.ofSeconds(30);

    private final EventProcessingConfiguration processing;
    private final ProjectionMonitor monitor;
    private final Projections projections;
    private final Map<String, AtomicLong> restarts = new ConcurrentHashMap<>();
    private final Map<String, Integer> seenStopped = new ConcurrentHashMap<>();
    private final Map<String, Integer> seenInError = new ConcurrentHashMap<>();
    private final Map<String, Instant> lastErrorRestart = new ConcurrentHashMap<>();
    private final JdbcClient jdbc;

    ProcessorWatchdog(EventProcessingConfiguration processing, ProjectionMonitor monitor, Projections projections,
                      JdbcClient jdbc) {
        this.processing = processing;
        this.monitor = monitor;
        this.projections = projections;
        this.jdbc = jdbc;
    }

    @Scheduled(fixedDelayString = "${feed.projections.watchdog-interval:5s}", initialDelayString = "${feed.projections.watchdog-interval:5s}")
    void check() {
        for (String name : projections.names()) {
            processing.eventProcessor(name, StreamingEventProcessor.class).ifPresent(p -> {
                if (p.isRunning() || monitor.isStoppedOnRequest(name)) {
                    seenStopped.remove(name);
                    resumeAfterError(name, p);
                } else if (seenStopped.merge(name, 1, Integer::sum) == 1) {
                    log.error("Projection {} stopped without an admin request; starting it again at the next check", name);
                } else {
                    seenStopped.remove(name);
                    restart(name, p);
                }
            });
        }
    }

    private void resumeAfterError(String name, StreamingEventProcessor processor) {
        boolean inError = processor.isRunning()
                && processor.processingStatus().values().stream().anyMatch(EventTrackerStatus::isErrorState);
        if (!inError) {
            seenInError.remove(name);
            return;
        }
        Instant last = lastErrorRestart.get(name);
        if (seenInError.merge(name, 1, Integer::sum) < 2 || last != null && last.isAfter(Instant.now().minus(ERROR_RESTART_SPACING))
                || !databaseAnswers()) {
            return;
        }
        seenInError.remove(name);
        lastErrorRestart.put(name, Instant.now());
        log.warn("Projection {} has a segment in error while the database answers; starting it afresh instead of"
                + " waiting out its backoff", name);
        try {
            processor.shutdownAsync().get(SHUTDOWN_PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        } catch (ExecutionException | TimeoutException e) {
            log.warn("Projection {} did not stop within {} ({}); starting it anyway", name, SHUTDOWN_PATIENCE, e.toString());
        }
        restart(name, processor);
    }

    private boolean databaseAnswers() {
        try {
            jdbc.sql("SELECT 1").query(Integer.class).single();
            return true;
        } catch (DataAccessException away) {
            return false;
        }
    }

    public long restarts(String name) {
        return restarts.computeIfAbsent(name, n -> new AtomicLong()).get();
    }

    private void restart(String name, StreamingEventProcessor processor) {
        log.warn("Starting projection {} again", name);
        restarts.computeIfAbsent(name, n -> new AtomicLong()).incrementAndGet();
        try {
            processor.start();
        } catch (RuntimeException e) {
            log.error("Projection {} could not be started again; the next check retries", name, e);
        }
    }
}
