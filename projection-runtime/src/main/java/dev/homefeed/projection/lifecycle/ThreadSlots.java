package dev.homefeed.projection.lifecycle;

import java.time.Duration;
import java.util.function.BooleanSupplier;

import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingEventProcessor;

/**
 * Two ways Axon 4's tracking processor ends up with fewer workers than segments, one segment never claimed again, so
 * the processor never catches up:
 * <ul>
 * <li>{@code shutDown()} returns once no segment is active, but each worker hands its thread slot back only after
 * that; a {@code start()} in between (an abandoned rebuild followed at once by a new one) launches too few workers.
 * Waiting for the slots before the start closes that window.</li>
 * <li>A {@code shutDown()} while its worker launcher still claims segments after a start (a replay asked for right
 * after the service started): the launcher's last claim is freed without its slot being given back, for good. Waiting
 * for the launcher to finish before the shutdown closes that one.</li>
 * </ul>
 */
public final class ThreadSlots {

    /** How long a start waits for the threads of the last run to hand their slots back. */
    private static final Duration RETURNED = Duration.ofSeconds(10);

    private ThreadSlots() {
    }

    /**
     * Shuts the processor down once its launcher has nothing left to claim after its start (every slot taken, or every
     * segment claimed, by this instance or another), or after ten seconds.
     */
    public static void shutDownOnceLaunched(StreamingEventProcessor processor, BooleanSupplier everySegmentClaimed) {
        if (processor instanceof TrackingEventProcessor tracking && tracking.isRunning()) {
            long deadline = System.nanoTime() + RETURNED.toNanos();
            while (tracking.availableProcessorThreads() > 0 && !everySegmentClaimed.getAsBoolean() && System.nanoTime() < deadline) {
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        processor.shutDown();
    }

    /** Starts the processor once {@code threads} of its thread slots are free, or after ten seconds. */
    public static void startWithEveryThread(StreamingEventProcessor processor, int threads) {
        if (processor instanceof TrackingEventProcessor tracking) {
            long deadline = System.nanoTime() + RETURNED.toNanos();
            while (tracking.availableProcessorThreads() < threads && System.nanoTime() < deadline) {
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        processor.start();
    }
}
