package dev.homefeed.projection.api;

import java.time.Instant;

/**
 * A rebuild of a projection into a new generation.
 *
 * @param progress        0..1 of the replay into the new generation; 1 once caught up
 * @param eventsPerSecond while building; else null
 * @param secondsLeft     while building, once a rate is known; else null
 * @param comparison      null until compared
 */
public record RebuildStatus(long id, String projection, int generation, int servingGeneration, RebuildState state,
                            Cutover cutover, Instant startedAt, Instant caughtUpAt, Instant switchedAt, double progress,
                            Double eventsPerSecond, Long secondsLeft, GenerationComparison comparison, String error) {
}
