package dev.homefeed.command.marker;

import dev.homefeed.command.api.AggregateIds;
import dev.homefeed.command.api.PostNotFoundException;
import dev.homefeed.command.api.marker.MoveReadMarkerCommand;
import dev.homefeed.command.api.marker.ReadMarker;
import dev.homefeed.command.api.marker.ReadMarkerMovedEvent;
import dev.homefeed.command.post.PostHistory;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.serialization.Revision;
import org.axonframework.spring.stereotype.Aggregate;

import java.time.Clock;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * One viewer's read marker ({@code marker:<viewer>}). It only moves forward by post id, and only to a post that
 * exists or existed, as the post's own events tell.
 * <p>
 * Snapshotted (see {@link ReadMarkerSnapshotConfiguration}) with the general Jackson serializer, which sees the state
 * through the public getters; the {@link Revision} makes snapshots of an older shape be ignored: bump it whenever the
 * fields change.
 */
@Aggregate(snapshotTriggerDefinition = ReadMarkerSnapshotConfiguration.TRIGGER)
@Revision("1")
class ViewerReadMarker {

    @AggregateIdentifier
    private String id;
    private ReadMarker marker;

    protected ViewerReadMarker() {
    }

    /**
     * The post is checked even when the marker would not move, so an id that names no post is refused the same way
     * whatever the marker holds. A deleted or expired post still existed, so it is accepted.
     */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    ReadMarker handle(MoveReadMarkerCommand cmd, PostHistory posts, Clock clock) {
        if (!posts.everExisted(cmd.lastSeenPostId())) {
            throw new PostNotFoundException(cmd.lastSeenPostId());
        }
        if (marker == null || cmd.lastSeenPostId().value() > marker.lastSeenPostId().value()) {
            apply(new ReadMarkerMovedEvent(cmd.viewerId(), cmd.lastSeenPostId(), cmd.lastSeenPostId().createdAt(),
                                           clock.instant()));
        }
        return marker;
    }

    @EventSourcingHandler
    void on(ReadMarkerMovedEvent event) {
        id = AggregateIds.marker(event.viewerId());
        marker = new ReadMarker(event.lastSeenPostId(), event.lastSeenAt(), event.movedAt());
    }

    /** For the snapshot serializer only. */
    public String getId() {
        return id;
    }

    /** For the snapshot serializer only. */
    public ReadMarker getMarker() {
        return marker;
    }
}
