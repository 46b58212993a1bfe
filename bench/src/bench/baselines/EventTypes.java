package bench.baselines;

/** The service's event types as {@code domain_event_entry.payload_type} stores them. */
final class EventTypes {

    static final String PUBLISHED = "dev.homefeed.command.api.post.PostPublishedEvent";
    static final String EDITED = "dev.homefeed.command.api.post.PostEditedEvent";
    static final String DELETED = "dev.homefeed.command.api.post.PostDeletedEvent";
    static final String FOLLOWED = "dev.homefeed.command.api.follow.UserFollowedEvent";
    static final String UNFOLLOWED = "dev.homefeed.command.api.follow.UserUnfollowedEvent";

    private EventTypes() {
    }
}
