package dev.homefeed.command.api.follow;

import dev.homefeed.command.api.UserId;
import org.axonframework.serialization.Revision;

import java.time.Instant;

/** The follower started following the followee. */
@Revision("1")
public record UserFollowedEvent(UserId followerId, UserId followeeId, Instant followedAt) {
}
