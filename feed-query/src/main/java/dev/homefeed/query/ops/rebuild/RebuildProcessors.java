package dev.homefeed.query.ops.rebuild;

import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Predicate;

import dev.homefeed.query.ops.generation.ProjectionGenerations;
import dev.homefeed.query.ops.lifecycle.StopAwareEventSource;
import dev.homefeed.query.ops.lifecycle.TokenPositions;
import org.axonframework.common.jpa.EntityManagerProvider;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.Configuration;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.eventhandling.async.SequencingPolicy;
import org.axonframework.eventhandling.deadletter.jpa.JpaSequencedDeadLetterQueue;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.messaging.StreamableMessageSource;
import org.axonframework.serialization.Serializer;
import org.axonframework.springboot.EventProcessorProperties;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Each projection has a second tracking processor, {@code <projection>-rebuild}, running the same projector with the
 * same ordering, batch size and dead-letter queue as the serving one. It stays stopped until a rebuild resets its
 * tokens to the first event, and it writes only the generation being rebuilt.
 */
@Component
public class RebuildProcessors {

    private final EventProcessingConfiguration processing;
    private final TokenStore tokenStore;
    private final TokenPositions tokens;
    private final TransactionTemplate tx;

    RebuildProcessors(EventProcessingConfiguration processing, TokenStore tokenStore, TokenPositions tokens,
                      TransactionTemplate tx) {
        this.processing = processing;
        this.tokenStore = tokenStore;
        this.tokens = tokens;
        this.tx = tx;
    }

    public static String group(String projection) {
        return projection + ProjectionGenerations.REBUILD_SUFFIX;
    }

    /** Registers the rebuild processor of {@code projection}, tuned like the serving one in application.yml. */
    public static void register(EventProcessingConfigurer configurer, String projection, EventProcessorProperties properties,
                                Function<Configuration, SequencingPolicy<? super EventMessage<?>>> sequencing,
                                Function<Configuration, Object> projector, Predicate<Object> isRebuildProjector) {
        String group = group(projection);
        EventProcessorProperties.ProcessorSettings serving = properties.getProcessors().get(projection);
        int threads = serving == null ? 1 : serving.getThreadCount();
        int segments = serving == null || serving.getInitialSegmentCount() == null ? threads : serving.getInitialSegmentCount();
        int batch = serving == null ? 1 : serving.getBatchSize();
        long claimInterval = serving == null ? 5000 : serving.getTokenClaimInterval();
        TimeUnit claimUnit = serving == null ? TimeUnit.MILLISECONDS
                : serving.getTokenClaimIntervalTimeUnit();
        configurer
                .registerTrackingEventProcessor(group,
                        c -> StopAwareEventSource.forProcessor(c.eventStore(), c::eventProcessingConfiguration, group),
                        c -> TrackingEventProcessorConfiguration
                        .forParallelProcessing(threads)
                        .andInitialSegmentsCount(segments)
                        .andBatchSize(batch)
                        .andTokenClaimInterval(claimInterval, claimUnit)
                        // Started by a rebuild only; should it ever start on its own, it starts at the head.
                        .andAutoStart(false)
                        .andInitialTrackingToken(StreamableMessageSource::createHeadToken))
                .registerSequencingPolicy(group, sequencing)
                .registerDeadLetterQueue(group, c -> JpaSequencedDeadLetterQueue.builder()
                        .processingGroup(group)
                        .entityManagerProvider(c.getComponent(EntityManagerProvider.class))
                        .transactionManager(c.getComponent(TransactionManager.class))
                        .genericSerializer(c.serializer())
                        .eventSerializer(c.eventSerializer())
                        .build())
                .registerEventHandler(projector)
                .assignHandlerInstancesMatching(group, Integer.MAX_VALUE, isRebuildProjector);
    }

    /**
     * Replay by token reset: the rebuild processor's tokens go back to the first event, then it starts. Serialized
     * with {@link #resume}, so the driver never starts the processor in the middle of a reset.
     */
    synchronized void startFromFirstEvent(String projection) {
        String group = group(projection);
        StreamingEventProcessor processor = processor(projection);
        processor.shutDown();
        tx.executeWithoutResult(status -> {
            if (tokenStore.fetchSegments(group).length == 0) {
                // As many segments as the serving processor; a null token is the first event.
                tokenStore.initializeTokenSegments(group, Math.max(1, tokens.segments(projection).size()), null);
            }
        });
        // Not resetTokens(): that goes back to the configured initial token, the head.
        processor.resetTokens(StreamableMessageSource::createTailToken);
        processor.start();
    }

    /** Starts the processor again where its tokens stand (after a restart); false when it was running already. */
    synchronized boolean resume(String projection) {
        StreamingEventProcessor processor = processor(projection);
        if (processor.isRunning()) {
            return false;
        }
        processor.start();
        return true;
    }

    synchronized void stop(String projection) {
        processor(projection).shutDown();
    }

    boolean running(String projection) {
        return processor(projection).isRunning();
    }

    /**
     * Whether every segment of the running rebuild processor has reached the head of the event stream, as the
     * processor itself tracks it: a stored token can stay an event or two behind while nothing new for its segment
     * arrives.
     */
    boolean caughtUp(String projection) {
        Map<Integer, EventTrackerStatus> status = processor(projection).processingStatus();
        return !status.isEmpty() && status.values().stream().allMatch(s -> s.isCaughtUp() && !s.isErrorState());
    }

    /** The lowest position over the running processor's segments, in memory, or else from the token store. */
    long livePosition(String projection) {
        OptionalLong live = processor(projection).processingStatus().values().stream()
                .map(EventTrackerStatus::getCurrentPosition)
                .mapToLong(p -> p.orElse(0))
                .min();
        return live.isPresent() ? live.getAsLong() : position(projection).orElse(0);
    }

    /** The lowest position over the rebuild processor's segments, from the token store; empty before its first reset. */
    OptionalLong position(String projection) {
        List<TokenPositions.Segment> segments = tokens.segments(group(projection));
        return segments.stream().mapToLong(TokenPositions.Segment::position).min();
    }

    private StreamingEventProcessor processor(String projection) {
        return processing.eventProcessor(group(projection), StreamingEventProcessor.class)
                .orElseThrow(() -> new IllegalStateException("no rebuild processor for " + projection));
    }
}
