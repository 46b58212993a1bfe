package dev.homefeed.projection.lifecycle;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import dev.homefeed.membership.Instances;
import dev.homefeed.projection.ProjectionProperties;
import dev.homefeed.projection.Projections;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Stops a projection's serving processor on every instance for a moment on purpose (a replay's token reset, a
 * rebuild's hand-over to lockstep), through the database: the asking instance writes a {@code processor_pause} row,
 * every instance shuts its part of the processor down while the row exists (which releases its token claims), and
 * the work runs once no live claim remains, so the tokens stand still everywhere. Status, health and the watchdog
 * take the stop for a requested one, and every instance starts its part again when the row is gone, or when the
 * instance that wrote it has died.
 */
@Component
public class ServingProcessors {

    private static final Logger log = LoggerFactory.getLogger(ServingProcessors.class);

    /** Refused because another instance is pausing the processor already, or its claims were not released in time. */
    public static class PauseRefusedException extends RuntimeException {
        PauseRefusedException(String message) {
            super(message);
        }
    }

    private final EventProcessingConfiguration processing;
    private final ProjectionMonitor monitor;
    private final TokenPositions tokens;
    private final Instances instances;
    private final JdbcClient jdbc;
    private final Projections projections;
    private final Duration patience;
    private final ProjectionProperties properties;
    private final Set<String> pausedForOthers = ConcurrentHashMap.newKeySet();

    /**
     * @param patience how long to wait for every claim to go: the others see the row within a follow interval, and
     *                 a dead instance's claims time out after the token store's claim timeout
     */
    ServingProcessors(EventProcessingConfiguration processing, ProjectionMonitor monitor, TokenPositions tokens,
                      Instances instances, JdbcClient jdbc, Projections projections, ProjectionProperties properties,
                      @Value("${feed.instances.pause-patience:20s}") Duration patience) {
        this.properties = properties;
        this.projections = projections;
        this.processing = processing;
        this.monitor = monitor;
        this.tokens = tokens;
        this.instances = instances;
        this.jdbc = jdbc;
        this.patience = patience;
    }

    /** Runs {@code work} while the projection's serving processor is shut down on every instance. */
    public void pausedWhile(String projection, String reason, Runnable work) {
        StreamingEventProcessor processor = processor(projection);
        if (!request(projection, reason)) {
            throw new PauseRefusedException("another instance is pausing " + projection + " already");
        }
        monitor.stoppedOnRequest(projection, true);
        try {
            ThreadSlots.shutDownOnceLaunched(processor, () -> tokens.everySegmentClaimed(projection));
            awaitNoClaims(projection);
            work.run();
        } finally {
            jdbc.sql("DELETE FROM processor_pause WHERE processor_name = :name AND requested_by = :me")
                    .param("name", projection).param("me", instances.id()).update();
            ThreadSlots.startWithEveryThread(processor, properties.processor(projection).threads());
            monitor.stoppedOnRequest(projection, false);
        }
    }

    /** Follows the other instances' pauses: shut down while one stands, start again when it is gone. */
    @Scheduled(fixedDelayString = "${feed.instances.pause-follow-interval:250ms}")
    void follow() {
        // One query when nothing is paused, as almost always; the live instances only when a pause stands.
        Map<String, String> pauses = jdbc.sql("SELECT processor_name, requested_by FROM processor_pause")
                .query((rs, i) -> Map.entry(rs.getString(1), rs.getString(2))).list().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        List<String> live = pauses.isEmpty() ? List.of() : instances.live().stream().map(Instances.Instance::id).toList();
        for (String projection : projections.names()) {
            String requester = pauses.get(projection);
            if (requester != null && !live.contains(requester)) {
                log.warn("Instance {} died while pausing {}; the pause is lifted", requester, projection);
                jdbc.sql("DELETE FROM processor_pause WHERE processor_name = :name AND requested_by = :requester")
                        .param("name", projection).param("requester", requester).update();
                requester = null;
            }
            boolean pausedByOther = requester != null && !requester.equals(instances.id());
            if (pausedByOther && pausedForOthers.add(projection)) {
                log.info("Pausing {} here while instance {} works on it", projection, requester);
                monitor.stoppedOnRequest(projection, true);
                ThreadSlots.shutDownOnceLaunched(processor(projection), () -> tokens.everySegmentClaimed(projection));
            } else if (!pausedByOther && pausedForOthers.remove(projection)) {
                log.info("Starting {} here again", projection);
                ThreadSlots.startWithEveryThread(processor(projection), properties.processor(projection).threads());
                monitor.stoppedOnRequest(projection, false);
            }
        }
    }

    private boolean request(String projection, String reason) {
        return jdbc.sql("""
                INSERT INTO processor_pause (processor_name, requested_by, requested_at, reason) VALUES (:name, :me, now(), :reason)
                ON CONFLICT (processor_name) DO NOTHING""")
                .param("name", projection).param("me", instances.id()).param("reason", reason).update() == 1;
    }

    private void awaitNoClaims(String projection) {
        long deadline = System.nanoTime() + patience.toNanos();
        while (tokens.segments(projection).stream().anyMatch(s -> s.owner() != null)) {
            if (System.nanoTime() > deadline) {
                throw new PauseRefusedException("other instances did not release the segments of " + projection + " within "
                        + patience.toSeconds() + " s");
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new PauseRefusedException("interrupted while waiting for the segments of " + projection);
            }
        }
    }

    private StreamingEventProcessor processor(String projection) {
        if (!projections.contains(projection)) {
            throw new IllegalArgumentException("no projection named " + projection);
        }
        return processing.eventProcessor(projection, StreamingEventProcessor.class)
                .orElseThrow(() -> new IllegalStateException("no processor for " + projection));
    }
}
