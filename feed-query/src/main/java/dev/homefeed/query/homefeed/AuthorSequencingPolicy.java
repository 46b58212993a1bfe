package dev.homefeed.query.homefeed;

import dev.homefeed.command.api.follow.UserFollowedEvent;
import dev.homefeed.command.api.follow.UserUnfollowedEvent;
import dev.homefeed.command.api.post.PostDeletedEvent;
import dev.homefeed.command.api.post.PostEditedEvent;
import dev.homefeed.command.api.post.PostPublishedEvent;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.async.SequencingPolicy;

/**
 * Orders the home feed's events by author. A follow and the followee's posts come from different aggregates, so
 * Axon's per-aggregate default would let them race on two segments; keyed by the author (the followee for follows),
 * every event about one author meets in order on one segment, and the segment count can still grow.
 */
enum AuthorSequencingPolicy implements SequencingPolicy<EventMessage<?>> {
    INSTANCE;

    @Override
    public Object getSequenceIdentifierFor(EventMessage<?> event) {
        Object payload = event.getPayload();
        if (payload instanceof PostPublishedEvent e) {
            return String.valueOf(e.authorId().value());
        } else if (payload instanceof PostEditedEvent e) {
            return String.valueOf(e.authorId().value());
        } else if (payload instanceof PostDeletedEvent e) {
            return String.valueOf(e.authorId().value());
        } else if (payload instanceof UserFollowedEvent e) {
            return String.valueOf(e.followeeId().value());
        } else if (payload instanceof UserUnfollowedEvent e) {
            return String.valueOf(e.followeeId().value());
        }
        return event.getIdentifier();
    }
}
