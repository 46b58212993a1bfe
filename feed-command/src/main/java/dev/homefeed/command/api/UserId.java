package dev.homefeed.command.api;

/**
 * A user's id: a positive 64-bit integer, written as its raw decimal everywhere.
 */
public record UserId(long value) {

    public UserId {
        if (value < 1) {
            throw new IllegalArgumentException("user id must be positive, was " + value);
        }
    }

    @Override
    public String toString() {
        return Long.toString(value);
    }
}
