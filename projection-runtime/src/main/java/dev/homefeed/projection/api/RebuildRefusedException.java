package dev.homefeed.projection.api;

/** A rebuild request that was refused, and why: the contract's 404s and 409s. */
public class RebuildRefusedException extends RuntimeException {

    public enum Refusal {
        /** No such projection. */
        UNKNOWN,
        /** The projection was never rebuilt. */
        NEVER_REBUILT,
        /** A rebuild or a replay of the projection is running. */
        RUNNING,
        /** A cutover of a rebuild that is not READY. */
        NOT_READY,
        /** An abandon after the switch. */
        ALREADY_SWITCHED,
        /** A rollback with no previous generation retained. */
        NOTHING_RETAINED
    }

    private final Refusal refusal;

    public RebuildRefusedException(Refusal refusal, String message) {
        super(message);
        this.refusal = refusal;
    }

    public Refusal refusal() {
        return refusal;
    }
}
