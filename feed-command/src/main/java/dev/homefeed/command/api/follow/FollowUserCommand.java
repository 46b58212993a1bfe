package dev.homefeed.command.api.follow;

import java.util.List;

import dev.homefeed.command.api.AggregateIds;
import dev.homefeed.command.api.UserId;
import dev.homefeed.command.api.erasure.UserDataCommand;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The follower starts following the followee; following again changes nothing. */
public record FollowUserCommand(UserId followerId, UserId followeeId) implements UserDataCommand {

    @Override
    public List<UserId> dataSubjects() {
        return List.of(followerId, followeeId);
    }

    @TargetAggregateIdentifier
    public String targetAggregateId() {
        return AggregateIds.follow(followerId, followeeId);
    }
}
