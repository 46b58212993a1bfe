package dev.homefeed.projection.lifecycle;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import org.axonframework.common.stream.BlockingStream;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.StreamableMessageSource;

/**
 * The event store's stream as a projection's processors read it, except that a processor thread waiting for the next
 * event notices within {@link #LOOK_EVERY} that its processor is stopping. Axon's tracking processor looks only when
 * its event availability timeout runs out (a second; Spring Boot's processor properties cannot set it), and every
 * pause waits for that: a replay's token reset, a rebuild's start and hand-over, each instance that follows a pause,
 * and the application's own shutdown. While the processor runs, the wait is the store's, event for event.
 */
public final class StopAwareEventSource implements StreamableMessageSource<TrackedEventMessage<?>> {

    static final Duration LOOK_EVERY = Duration.ofMillis(50);

    private final StreamableMessageSource<TrackedEventMessage<?>> events;
    private final BooleanSupplier processorRunning;

    /** @param processorRunning whether the processor reading the streams opened here is still meant to run */
    public StopAwareEventSource(StreamableMessageSource<TrackedEventMessage<?>> events, BooleanSupplier processorRunning) {
        this.events = events;
        this.processorRunning = processorRunning;
    }

    /**
     * The source of the processor named {@code processor}, found when one of its threads first waits (processors are
     * built after their sources) and kept, so an idle thread's look every 50 ms is one field read.
     */
    public static StopAwareEventSource forProcessor(StreamableMessageSource<TrackedEventMessage<?>> events,
                                                    Supplier<EventProcessingConfiguration> processing, String processor) {
        AtomicReference<EventProcessor> found = new AtomicReference<>();
        return new StopAwareEventSource(events, () -> {
            EventProcessor p = found.updateAndGet(known -> known != null ? known
                    : processing.get().eventProcessor(processor).orElse(null));
            return p != null && p.isRunning();
        });
    }

    @Override
    public BlockingStream<TrackedEventMessage<?>> openStream(TrackingToken trackingToken) {
        return new StopAwareStream(events.openStream(trackingToken));
    }

    @Override
    public TrackingToken createTailToken() {
        return events.createTailToken();
    }

    @Override
    public TrackingToken createHeadToken() {
        return events.createHeadToken();
    }

    @Override
    public TrackingToken createTokenAt(Instant dateTime) {
        return events.createTokenAt(dateTime);
    }

    @Override
    public TrackingToken createTokenSince(Duration duration) {
        return events.createTokenSince(duration);
    }

    private final class StopAwareStream implements BlockingStream<TrackedEventMessage<?>> {

        private final BlockingStream<TrackedEventMessage<?>> stream;

        StopAwareStream(BlockingStream<TrackedEventMessage<?>> stream) {
            this.stream = stream;
        }

        @Override
        public boolean hasNextAvailable(int timeout, TimeUnit unit) throws InterruptedException {
            long deadline = System.nanoTime() + unit.toNanos(timeout);
            long slice = LOOK_EVERY.toNanos();
            while (true) {
                long left = deadline - System.nanoTime();
                if (stream.hasNextAvailable((int) Math.max(0, Math.min(left, slice)), TimeUnit.NANOSECONDS)) {
                    return true;
                }
                if (left <= slice || !processorRunning.getAsBoolean()) {
                    return false;
                }
            }
        }

        @Override
        public Optional<TrackedEventMessage<?>> peek() {
            return stream.peek();
        }

        @Override
        public TrackedEventMessage<?> nextAvailable() throws InterruptedException {
            return stream.nextAvailable();
        }

        @Override
        public void skipMessagesWithPayloadTypeOf(TrackedEventMessage<?> ignoredMessage) {
            stream.skipMessagesWithPayloadTypeOf(ignoredMessage);
        }

        @Override
        public boolean setOnAvailableCallback(Runnable callback) {
            return stream.setOnAvailableCallback(callback);
        }

        @Override
        public void close() {
            stream.close();
        }
    }
}
