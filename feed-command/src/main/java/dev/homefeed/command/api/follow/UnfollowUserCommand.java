package dev.homefeed.command.api.follow;

import dev.homefeed.command.api.AggregateIds;
import dev.homefeed.command.api.UserId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The follower stops following the followee; unfollowing someone not followed changes nothing. */
public record UnfollowUserCommand(UserId followerId, UserId followeeId) {

    @TargetAggregateIdentifier
    public String targetAggregateId() {
        return AggregateIds.follow(followerId, followeeId);
    }
}
