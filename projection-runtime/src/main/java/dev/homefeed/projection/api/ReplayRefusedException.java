package dev.homefeed.projection.api;

/** A replay that was not started, and why: the contract's 404 and 409s. */
public class ReplayRefusedException extends RuntimeException {

    public enum Refusal { UNKNOWN, ALREADY_REPLAYING, REBUILD_RUNNING, SEGMENTS_HELD_ELSEWHERE }

    private final Refusal refusal;

    public ReplayRefusedException(Refusal refusal, String message) {
        super(message);
        this.refusal = refusal;
    }

    public Refusal refusal() {
        return refusal;
    }
}
