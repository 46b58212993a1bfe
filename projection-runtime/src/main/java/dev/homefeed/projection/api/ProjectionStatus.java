package dev.homefeed.projection.api;

import java.time.Instant;

/**
 * Where a projection stands, from the token store and the event store, so every instance reports the same.
 * {@code replayProgress} is 0..1 while replaying, else null; {@code projectedThrough} is null on an empty store.
 */
public record ProjectionStatus(String name, ProjectionState state, long position, long headPosition, long lagEvents,
                               long lagMillis, Instant projectedThrough, Double replayProgress, String error,
                               long deadLetters) {

    public boolean replaying() {
        return state == ProjectionState.REPLAYING;
    }
}
