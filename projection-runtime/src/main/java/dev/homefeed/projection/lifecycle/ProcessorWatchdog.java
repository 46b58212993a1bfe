package dev.homefeed.projection.lifecycle;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import dev.homefeed.projection.Projections;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Notices a projection processor that stopped without an admin request (Axon shuts a processor down on an
 * unrecoverable error), reports it and starts it again, so a projection never silently stops following the source.
 * It restarts on the second check that finds the processor stopped, so health shows the stop for at least one
 * interval before it is repaired.
 */
@Component
public class ProcessorWatchdog {

    private static final Logger log = LoggerFactory.getLogger(ProcessorWatchdog.class);

    private final EventProcessingConfiguration processing;
    private final ProjectionMonitor monitor;
    private final Projections projections;
    private final Map<String, AtomicLong> restarts = new ConcurrentHashMap<>();
    private final Map<String, Integer> seenStopped = new ConcurrentHashMap<>();

    ProcessorWatchdog(EventProcessingConfiguration processing, ProjectionMonitor monitor, Projections projections) {
        this.processing = processing;
        this.monitor = monitor;
        this.projections = projections;
    }

    @Scheduled(fixedDelayString = "${feed.projections.watchdog-interval:5s}", initialDelayString = "${feed.projections.watchdog-interval:5s}")
    void check() {
        for (String name : projections.names()) {
            processing.eventProcessor(name, StreamingEventProcessor.class).ifPresent(p -> {
                if (p.isRunning() || monitor.isStoppedOnRequest(name)) {
                    seenStopped.remove(name);
                } else if (seenStopped.merge(name, 1, Integer::sum) == 1) {
                    log.error("Projection {} stopped without an admin request; starting it again at the next check", name);
                } else {
                    seenStopped.remove(name);
                    restart(name, p);
                }
            });
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
