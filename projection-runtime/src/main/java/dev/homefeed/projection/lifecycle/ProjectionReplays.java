package dev.homefeed.projection.lifecycle;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.homefeed.projection.Projections;
import dev.homefeed.projection.api.ProjectionStatus;
import dev.homefeed.projection.api.ReplayRefusedException;
import dev.homefeed.projection.api.ReplayRefusedException.Refusal;
import dev.homefeed.projection.generation.ProjectionGenerations;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.tokenstore.UnableToClaimTokenException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Rebuilds a projection in place: shut its processor down on every instance, reset its tokens (the projector's
 * {@code @ResetHandler} clears its tables and the dead-letter queue is cleared, all in the reset's transaction),
 * start it again.
 */
@Component
public class ProjectionReplays {

    private static final Logger log = LoggerFactory.getLogger(ProjectionReplays.class);

    private final EventProcessingConfiguration processing;
    private final ProjectionMonitor monitor;
    private final ReplayProgressLog progressLog;
    private final ProjectionGenerations generations;
    private final ServingProcessors serving;
    private final Projections projections;
    private final Map<String, Object> locks = new ConcurrentHashMap<>();

    ProjectionReplays(EventProcessingConfiguration processing, ProjectionMonitor monitor, ReplayProgressLog progressLog,
                      ProjectionGenerations generations, ServingProcessors serving, Projections projections) {
        this.projections = projections;
        this.processing = processing;
        this.monitor = monitor;
        this.progressLog = progressLog;
        this.generations = generations;
        this.serving = serving;
    }

    public ProjectionStatus replay(String name) {
        StreamingEventProcessor processor = processing.eventProcessor(name, StreamingEventProcessor.class)
                .filter(p -> projections.contains(name))
                .orElseThrow(() -> new ReplayRefusedException(Refusal.UNKNOWN, "no projection named " + name));
        // One replay per projection at a time: a second request racing the first one waits here, then sees it running.
        synchronized (locks.computeIfAbsent(name, n -> new Object())) {
            if (monitor.status(name).orElseThrow().replaying()) {
                throw new ReplayRefusedException(Refusal.ALREADY_REPLAYING, name + " is already replaying");
            }
            if (generations.rebuilding(name)) {
                throw new ReplayRefusedException(Refusal.REBUILD_RUNNING, "a rebuild of " + name + " is running");
            }
            try {
                // On every instance: resetting tokens needs every segment's claim.
                serving.pausedWhile(name, "replay", () -> {
                    processor.resetTokens();
                    monitor.replayAccepted(name);
                });
            } catch (UnableToClaimTokenException | ServingProcessors.PauseRefusedException heldElsewhere) {
                log.warn("Replay of {} refused: {}", name, heldElsewhere.getMessage());
                throw new ReplayRefusedException(Refusal.SEGMENTS_HELD_ELSEWHERE,
                        "another instance holds the segments of " + name);
            }
            progressLog.started(name);
            log.info("Replay of {} accepted: tokens reset, tables cleared, processor started", name);
            return monitor.status(name).orElseThrow();
        }
    }
}
