package dev.homefeed.command.marker;

import dev.homefeed.command.api.PostId;
import dev.homefeed.command.api.UserId;
import dev.homefeed.command.api.marker.MoveReadMarkerCommand;
import dev.homefeed.command.api.marker.ReadMarker;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.stereotype.Component;

/** The read marker's front door for writers; the projected marker is read on the query side. */
@Component
public class ReadMarkerGateway {

    private final CommandGateway commands;

    ReadMarkerGateway(CommandGateway commands) {
        this.commands = commands;
    }

    /** Moves the viewer's marker forward to a post that exists or existed; the marker as it stands afterwards. */
    public ReadMarker move(UserId viewer, PostId lastSeen) {
        return commands.sendAndWait(new MoveReadMarkerCommand(viewer, lastSeen));
    }
}
