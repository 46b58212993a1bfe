package dev.homefeed.projection.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.GenericTrackedEventMessage;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.junit.jupiter.api.Test;

class StopAwareEventSourceTest {

    private final StoreStream store = new StoreStream();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final StopAwareEventSource source = new StopAwareEventSource(token -> store, running::get);

    @Test
    void whileTheProcessorRunsAThreadWaitsAsLongAsItAsked() throws InterruptedException {
        long t0 = System.nanoTime();

        boolean available = source.openStream(null).hasNextAvailable(400, TimeUnit.MILLISECONDS);

        assertThat(available).isFalse();
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0)).isGreaterThanOrEqualTo(400);
    }

    @Test
    void aThreadOfAStoppingProcessorStopsWaitingForEventsBeforeItsTimeout() {
        BlockingStream<TrackedEventMessage<?>> stream = source.openStream(null);
        store.onFirstWait(() -> running.set(false));

        // An hour asked, a minute allowed: only a wait cut short by the stop ends in time. The minute is no claim of
        // speed, just a bound so that a stream that never looks cannot hang the build.
        boolean available = assertTimeoutPreemptively(Duration.ofMinutes(1), () -> stream.hasNextAvailable(1, TimeUnit.HOURS));

        assertThat(available).isFalse();
    }

    @Test
    void anEventStoredDuringTheWaitIsHandedOver() throws InterruptedException {
        BlockingStream<TrackedEventMessage<?>> stream = source.openStream(null);
        new Thread(() -> {
            sleep(150);
            store.append();
        }).start();

        assertThat(stream.hasNextAvailable(10, TimeUnit.SECONDS)).isTrue();
        assertThat(stream.nextAvailable().trackingToken()).isEqualTo(new GlobalSequenceTrackingToken(1));
    }

    @Test
    void aStoppedProcessorStillGetsTheEventsAlreadyThere() throws InterruptedException {
        store.append();
        running.set(false);

        assertThat(source.openStream(null).hasNextAvailable(1, TimeUnit.SECONDS)).isTrue();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The store's stream with at most one event, appended by another thread; waits as long as it is asked to. */
    private static final class StoreStream implements BlockingStream<TrackedEventMessage<?>> {

        private final CountDownLatch appended = new CountDownLatch(1);
        private final AtomicReference<Runnable> onFirstWait = new AtomicReference<>();

        void append() {
            appended.countDown();
        }

        /** Runs once, on another thread, when a reader first waits here: a stop that comes while the reader waits. */
        void onFirstWait(Runnable action) {
            onFirstWait.set(action);
        }

        @Override
        public boolean hasNextAvailable(int timeout, TimeUnit unit) throws InterruptedException {
            Runnable action = onFirstWait.getAndSet(null);
            if (action != null) {
                new Thread(action).start();
            }
            return appended.await(timeout, unit);
        }

        @Override
        public Optional<TrackedEventMessage<?>> peek() {
            return appended.getCount() == 0 ? Optional.of(event()) : Optional.empty();
        }

        @Override
        public TrackedEventMessage<?> nextAvailable() throws InterruptedException {
            appended.await();
            return event();
        }

        private static TrackedEventMessage<?> event() {
            return new GenericTrackedEventMessage<>(new GlobalSequenceTrackingToken(1), GenericEventMessage.asEventMessage("stored"));
        }

        @Override
        public void close() {
        }
    }
}
