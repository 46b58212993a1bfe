package dev.homefeed.command.api;

/**
 * Aggregate identifiers carry their aggregate type, because Axon's event store loads an aggregate
 * by identifier alone: a post and a user with the same number must never share an event stream.
 */
public final class AggregateIds {

    /** What a post's aggregate identifier starts with, before its id. */
    public static final String POST_PREFIX = "post:";

    private AggregateIds() {
    }

    public static String post(PostId postId) {
        return POST_PREFIX + postId;
    }

    public static String follow(UserId followerId, UserId followeeId) {
        return "follow:" + followerId + ":" + followeeId;
    }

    public static String marker(UserId viewerId) {
        return "marker:" + viewerId;
    }

    public static String erasure(UserId userId) {
        return "erasure:" + userId;
    }
}
