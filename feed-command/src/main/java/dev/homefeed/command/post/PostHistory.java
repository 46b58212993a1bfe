package dev.homefeed.command.post;

import dev.homefeed.command.api.post.PostView;
import dev.homefeed.command.api.AggregateIds;
import dev.homefeed.command.api.PostId;
import dev.homefeed.command.api.post.PostDeletedEvent;
import dev.homefeed.command.api.post.PostEditedEvent;
import dev.homefeed.command.api.post.PostPublishedEvent;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.util.Optional;

/** Reads a post from source truth: its own events in the event store, not a projection. */
@Component
public class PostHistory {

    private final EventStore eventStore;
    private final Clock clock;

    public PostHistory(EventStore eventStore, Clock clock) {
        this.eventStore = eventStore;
        this.clock = clock;
    }

    /** The post as it stands now; empty if it is unknown, deleted, expired or its author was erased. */
    public Optional<PostView> find(PostId postId) {
        PostView post = null;
        DomainEventStream events = events(postId);
        while (events.hasNext()) {
            Object event = events.next().getPayload();
            if (event instanceof PostPublishedEvent published && published.erased()
                    || event instanceof PostEditedEvent edited && edited.erased()) {
                return Optional.empty();
            }
            if (event instanceof PostPublishedEvent published) {
                post = new PostView(published.postId(), published.authorId(), published.text(),
                                    published.createdAt(), null, published.expiresAt(), 1);
            } else if (event instanceof PostEditedEvent edited && post != null) {
                post = new PostView(post.postId(), post.authorId(), edited.text(), post.createdAt(),
                                    edited.editedAt(), post.expiresAt(), edited.version());
            } else if (event instanceof PostDeletedEvent) {
                return Optional.empty();
            }
        }
        return Optional.ofNullable(post)
                       .filter(p -> p.expiresAt() == null || clock.instant().isBefore(p.expiresAt()));
    }

    /** Whether the post was ever published, whatever happened to it since. */
    public boolean everExisted(PostId postId) {
        return events(postId).hasNext();
    }

    /** From sequence 0, so a snapshot (should Post ever get one) is never mistaken for an event. */
    private DomainEventStream events(PostId postId) {
        return eventStore.readEvents(AggregateIds.post(postId), 0);
    }
}
