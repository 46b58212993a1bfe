package dev.homefeed.projection.rebuild;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

import dev.homefeed.projection.ProjectionProperties;
import dev.homefeed.projection.Projections;
import dev.homefeed.projection.lifecycle.ThreadSlots;
import dev.homefeed.projection.lifecycle.TokenPositions;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.messaging.StreamableMessageSource;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The rebuild twin of each projection's processor ({@link Projections#rebuildGroup}, registered with the serving one
 * by {@code ProjectionRuntimeConfiguration}): stopped until a rebuild resets its tokens to the first event; it writes
 * only the generation being rebuilt.
 */
@Component
public class RebuildProcessors {

    private final EventProcessingConfiguration processing;
    private final TokenStore tokenStore;
    private final TokenPositions tokens;
    private final TransactionTemplate tx;
    private final ProjectionProperties properties;

    RebuildProcessors(EventProcessingConfiguration processing, TokenStore tokenStore, TokenPositions tokens,
                      TransactionTemplate tx, ProjectionProperties properties) {
        this.properties = properties;
        this.processing = processing;
        this.tokenStore = tokenStore;
        this.tokens = tokens;
        this.tx = tx;
    }

    /**
     * Replay by token reset: the rebuild processor's tokens go back to the first event, then it starts. Serialized
     * with {@link #resume}, so the driver never starts the processor in the middle of a reset.
     */
    synchronized void startFromFirstEvent(String projection) {
        String group = Projections.rebuildGroup(projection);
        StreamingEventProcessor processor = processor(projection);
        shutDown(projection, processor);
        tx.executeWithoutResult(status -> {
            if (tokenStore.fetchSegments(group).length == 0) {
                // As many segments as the serving processor; a null token is the first event.
                tokenStore.initializeTokenSegments(group, Math.max(1, tokens.segments(projection).size()), null);
            }
        });
        // Not resetTokens(): that goes back to the configured initial token, the head.
        processor.resetTokens(StreamableMessageSource::createTailToken);
        startWithEveryThread(projection, processor);
    }

    private void startWithEveryThread(String projection, StreamingEventProcessor processor) {
        ThreadSlots.startWithEveryThread(processor, properties.processor(projection).threads());
    }

    /** Starts the processor again where its tokens stand (after a restart); false when it was running already. */
    synchronized boolean resume(String projection) {
        StreamingEventProcessor processor = processor(projection);
        if (processor.isRunning()) {
            return false;
        }
        startWithEveryThread(projection, processor);
        return true;
    }

    synchronized void stop(String projection) {
        shutDown(projection, processor(projection));
    }

    /** Once its launcher is done claiming: a rebuild abandoned right after its start must not cost the next one a thread. */
    private void shutDown(String projection, StreamingEventProcessor processor) {
        ThreadSlots.shutDownOnceLaunched(processor, () -> tokens.everySegmentClaimed(Projections.rebuildGroup(projection)));
    }

    boolean running(String projection) {
        return processor(projection).isRunning();
    }

    /**
     * Whether every segment of the running rebuild processor has reached {@code head}, by the positions the processor
     * tracks in memory (a stored token can stay an event or two behind while nothing new for its segment arrives).
     * Not by Axon's caught-up flag: a segment whose last events all belonged to the other segment raises it only
     * after a further second of waiting for events, which made every hand-over wait one to two seconds.
     */
    boolean caughtUp(String projection, long head) {
        Map<Integer, EventTrackerStatus> status = processor(projection).processingStatus();
        int segments = tokens.segments(Projections.rebuildGroup(projection)).size();
        return !status.isEmpty() && status.size() >= segments && status.values().stream()
                .allMatch(s -> !s.isErrorState() && (s.isCaughtUp() || s.getCurrentPosition().orElse(-1) >= head));
    }

    /** The lowest position over the running processor's segments, in memory, or else from the token store. */
    long livePosition(String projection) {
        OptionalLong live = processor(projection).processingStatus().values().stream()
                .map(EventTrackerStatus::getCurrentPosition)
                .mapToLong(p -> p.orElse(0))
                .min();
        return live.isPresent() ? live.getAsLong() : position(projection).orElse(0);
    }

    /** Waits until every segment of the running rebuild processor has passed {@code target}, or fails after {@code patience}. */
    void awaitPosition(String projection, long target, Duration patience) {
        long deadline = System.nanoTime() + patience.toNanos();
        while (livePosition(projection) < target) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the rebuild processor did not reach position " + target);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while handing over", e);
            }
        }
    }

    /**
     * The furthest event the stopped rebuild processor applied to the new generation, from its stored tokens: the
     * serving processor must have passed it too before the two generations hold the same events.
     */
    long furthestPosition(String projection) {
        return tokens.segments(Projections.rebuildGroup(projection)).stream()
                .mapToLong(TokenPositions.Segment::position).max().orElse(0);
    }

    /** The lowest position over the rebuild processor's segments, from the token store; empty before its first reset. */
    OptionalLong position(String projection) {
        List<TokenPositions.Segment> segments = tokens.segments(Projections.rebuildGroup(projection));
        return segments.stream().mapToLong(TokenPositions.Segment::position).min();
    }

    private StreamingEventProcessor processor(String projection) {
        return processing.eventProcessor(Projections.rebuildGroup(projection), StreamingEventProcessor.class)
                .orElseThrow(() -> new IllegalStateException("no rebuild processor for " + projection));
    }
}
