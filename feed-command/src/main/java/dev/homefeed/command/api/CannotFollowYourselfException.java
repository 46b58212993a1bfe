package dev.homefeed.command.api;

/** Nobody follows themselves: their own posts are in their feed anyway. */
public class CannotFollowYourselfException extends RuntimeException {

    public CannotFollowYourselfException(UserId userId) {
        super("user " + userId + " cannot follow themselves");
    }
}
