package dev.homefeed.command.api;

/** The author already used this idempotency key for a publish request with a different body. */
public class IdempotencyKeyReusedException extends RuntimeException {

    public IdempotencyKeyReusedException() {
        super("this Idempotency-Key was already used for a different request");
    }
}
