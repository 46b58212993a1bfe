package dev.homefeed.projection.api;

/**
 * Where a rebuild stands. BUILDING: the new generation replays; COMPARING: caught up, written in lockstep with the
 * serving one and being compared; READY: compared, waiting for a manual cutover or for a person because it differs;
 * SWITCHED, ABANDONED and FAILED are final.
 */
public enum RebuildState {
    BUILDING, COMPARING, READY, SWITCHED, ABANDONED, FAILED;

    public boolean running() {
        return this == BUILDING || this == COMPARING || this == READY;
    }
}
