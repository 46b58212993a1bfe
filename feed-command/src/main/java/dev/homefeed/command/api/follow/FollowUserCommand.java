package dev.homefeed.command.api.follow;

import dev.homefeed.command.api.AggregateIds;
import dev.homefeed.command.api.UserId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The follower starts following the followee; following again changes nothing. */
public record FollowUserCommand(UserId followerId, UserId followeeId) {

    @TargetAggregateIdentifier
    public String targetAggregateId() {
        return AggregateIds.follow(followerId, followeeId);
    }
}
