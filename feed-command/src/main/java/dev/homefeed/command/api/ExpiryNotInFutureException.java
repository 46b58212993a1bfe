package dev.homefeed.command.api;

import java.time.Instant;

/** A post's {@code expiresAt} must lie after the moment it is published. */
public class ExpiryNotInFutureException extends RuntimeException {

    public ExpiryNotInFutureException(Instant expiresAt) {
        super("expiresAt must be in the future, was " + expiresAt);
    }
}
