package dev.homefeed.query.ops.lifecycle;

import dev.homefeed.query.api.ProjectionNames;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.springframework.stereotype.Component;

/**
 * Stops a projection's serving processor for a moment on purpose (a rebuild's hand-over to lockstep), so that status,
 * health and the watchdog take the stop for a requested one, and always starts it again.
 */
@Component
public class ServingProcessors {

    private final EventProcessingConfiguration processing;
    private final ProjectionMonitor monitor;

    ServingProcessors(EventProcessingConfiguration processing, ProjectionMonitor monitor) {
        this.processing = processing;
        this.monitor = monitor;
    }

    /** Runs {@code work} while the projection's serving processor is shut down; its tokens then stand still. */
    public void pausedWhile(String projection, Runnable work) {
        if (!ProjectionNames.ALL.contains(projection)) {
            throw new IllegalArgumentException("no projection named " + projection);
        }
        StreamingEventProcessor processor = processing.eventProcessor(projection, StreamingEventProcessor.class)
                .orElseThrow(() -> new IllegalStateException("no processor for " + projection));
        monitor.stoppedOnRequest(projection, true);
        try {
            processor.shutDown();
            work.run();
        } finally {
            processor.start();
            monitor.stoppedOnRequest(projection, false);
        }
    }
}
