package dev.homefeed.command.api.follow;

import java.time.Instant;

import dev.homefeed.command.api.UserId;

/** A place in a following list: the sort key of the last followee a page returned. */
public record FollowingPosition(Instant followedAt, UserId followeeId) {
}
