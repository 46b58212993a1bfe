package dev.homefeed.projection.rebuild;

import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;

import dev.homefeed.projection.api.Cutover;
import dev.homefeed.projection.api.GenerationComparison;
import dev.homefeed.projection.api.RebuildState;

/**
 * One rebuild and the moves it may make. Each move is guarded by the state it may start from, so no caller can, say,
 * switch a rebuild that was never compared; {@link RebuildRecords} only stores what the moves return.
 * <pre>
 * BUILDING --caughtUp--> COMPARING --compared--> READY --switched--> SWITCHED
 *    \___________________\____________________\__--abandoned / failed--> ABANDONED / FAILED
 * </pre>
 *
 * @param startPosition the head when the rebuild started, for its rate
 * @param resetAt       when the rebuild processor's tokens were reset; until then the rebuild has not begun to build
 * @param driver        the instance that moves it along
 */
record Rebuild(long id, String projection, int generation, int servingGeneration, RebuildState state, Cutover cutover,
               Instant startedAt, long startPosition, Instant resetAt, Instant caughtUpAt, Instant switchedAt,
               GenerationComparison comparison, String error, String driver) {

    private static final Set<RebuildState> RUNNING = EnumSet.of(RebuildState.BUILDING, RebuildState.COMPARING, RebuildState.READY);

    static Rebuild started(long id, String projection, int generation, int servingGeneration, Cutover cutover,
                           Instant now, long head, String driver) {
        return new Rebuild(id, projection, generation, servingGeneration, RebuildState.BUILDING, cutover, now, head,
                null, null, null, null, null, driver);
    }

    /** The rebuild processor starts from the first event. */
    Rebuild reset(Instant at) {
        guard(EnumSet.of(RebuildState.BUILDING), "reset");
        return new Rebuild(id, projection, generation, servingGeneration, state, cutover, startedAt, startPosition, at,
                caughtUpAt, switchedAt, comparison, error, driver);
    }

    /** The new generation reached the serving one and is written in lockstep with it from now on. */
    Rebuild caughtUp(Instant at) {
        guard(EnumSet.of(RebuildState.BUILDING), "catch up");
        return new Rebuild(id, projection, generation, servingGeneration, RebuildState.COMPARING, cutover, startedAt,
                startPosition, resetAt, at, switchedAt, comparison, error, driver);
    }

    Rebuild compared(GenerationComparison result) {
        guard(EnumSet.of(RebuildState.COMPARING), "be compared");
        return new Rebuild(id, projection, generation, servingGeneration, RebuildState.READY, cutover, startedAt,
                startPosition, resetAt, caughtUpAt, switchedAt, result, error, driver);
    }

    /** Whether the rebuild switches without an operator: compared clean, and asked to. */
    boolean switchesItself() {
        return state == RebuildState.READY && cutover == Cutover.AUTO && comparison != null && comparison.clean();
    }

    Rebuild switched(Instant at) {
        guard(EnumSet.of(RebuildState.READY), "switch");
        return new Rebuild(id, projection, generation, servingGeneration, RebuildState.SWITCHED, cutover, startedAt,
                startPosition, resetAt, caughtUpAt, at, comparison, error, driver);
    }

    Rebuild abandoned() {
        guard(RUNNING, "be abandoned");
        return new Rebuild(id, projection, generation, servingGeneration, RebuildState.ABANDONED, cutover, startedAt,
                startPosition, resetAt, caughtUpAt, switchedAt, comparison, error, driver);
    }

    Rebuild failed(String cause) {
        guard(RUNNING, "fail");
        return new Rebuild(id, projection, generation, servingGeneration, RebuildState.FAILED, cutover, startedAt,
                startPosition, resetAt, caughtUpAt, switchedAt, comparison, cause, driver);
    }

    private void guard(Set<RebuildState> from, String move) {
        if (!from.contains(state)) {
            throw new IllegalStateException("rebuild " + id + " of " + projection + " is " + state + " and cannot " + move);
        }
    }
}
