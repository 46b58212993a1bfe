package dev.homefeed.command.api.marker;

import java.util.List;

import dev.homefeed.command.api.AggregateIds;
import dev.homefeed.command.api.PostId;
import dev.homefeed.command.api.UserId;
import dev.homefeed.command.api.erasure.UserDataCommand;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * The viewer has seen their feed down to this post. The marker only moves forward: an id older than or equal to the
 * stored one changes nothing. Answered with the {@link ReadMarker} as it stands after the command.
 */
public record MoveReadMarkerCommand(UserId viewerId, PostId lastSeenPostId) implements UserDataCommand {

    @Override
    public List<UserId> dataSubjects() {
        return List.of(viewerId);
    }

    @TargetAggregateIdentifier
    public String targetAggregateId() {
        return AggregateIds.marker(viewerId);
    }
}
