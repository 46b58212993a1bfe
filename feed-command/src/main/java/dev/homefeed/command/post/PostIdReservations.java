package dev.homefeed.command.post;

/**
 * Durable lease of id time per node: every id a node issued has a timestamp below the bound stored
 * for it, so a restarted node that starts at the bound never repeats or undercuts an earlier id.
 * Milliseconds are Unix epoch milliseconds.
 */
interface PostIdReservations {

    /** The stored bound, or 0 if the node never reserved any time. */
    long reservedUntil(int nodeId);

    /** Durably raises the node's bound to at least {@code untilMillis}, whatever the caller's transaction does. */
    void reserveUntil(int nodeId, long untilMillis);
}
