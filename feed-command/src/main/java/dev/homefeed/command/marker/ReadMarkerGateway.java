package dev.homefeed.command.marker;

import java.util.Optional;

import dev.homefeed.command.api.AggregateIds;
import dev.homefeed.command.api.PostId;
import dev.homefeed.command.api.UserId;
import dev.homefeed.command.api.marker.MoveReadMarkerCommand;
import dev.homefeed.command.api.marker.ReadMarker;
import dev.homefeed.command.api.marker.ReadMarkerMovedEvent;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.stereotype.Component;

/** The read marker's front door for writers; the projected marker is read on the query side. */
@Component
public class ReadMarkerGateway {

    private final CommandGateway commands;
    private final EventStore events;

    ReadMarkerGateway(CommandGateway commands, EventStore events) {
        this.commands = commands;
        this.events = events;
    }

    /**
     * The marker as the viewer's aggregate holds it now, folded from its snapshot and events: exact when the
     * projection has not caught up with a writer's position. Empty if the viewer never set one.
     */
    public Optional<ReadMarker> current(UserId viewer) {
        ReadMarker[] current = {null};
        events.readEvents(AggregateIds.marker(viewer)).asStream().forEach(message -> {
            if (message.getPayload() instanceof ReadMarkerMovedEvent moved) {
                current[0] = new ReadMarker(moved.lastSeenPostId(), moved.lastSeenAt(), moved.movedAt());
            } else if (message.getPayload() instanceof ViewerReadMarker snapshot) {
                current[0] = snapshot.getMarker();
            }
        });
        return Optional.ofNullable(current[0]);
    }

    /** Moves the viewer's marker forward to a post that exists or existed; the marker as it stands afterwards. */
    public ReadMarker move(UserId viewer, PostId lastSeen) {
        return commands.sendAndWait(new MoveReadMarkerCommand(viewer, lastSeen));
    }
}
