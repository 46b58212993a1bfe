package dev.homefeed.command.api.erasure;

import dev.homefeed.command.api.AggregateIds;
import dev.homefeed.command.api.UserId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Erase the user: their data key is destroyed and their posts, follows and read marker go; erasing again changes nothing. */
public record EraseUserCommand(UserId userId) {

    @TargetAggregateIdentifier
    public String targetAggregateId() {
        return AggregateIds.erasure(userId);
    }
}
