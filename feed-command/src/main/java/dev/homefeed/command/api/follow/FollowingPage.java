package dev.homefeed.command.api.follow;

import java.util.List;

import dev.homefeed.command.api.UserId;

/**
 * A page of whom a user follows.
 *
 * @param followees newest follow first
 * @param next      where the next page starts; null when this is the last page
 */
public record FollowingPage(List<UserId> followees, FollowingPosition next) {
}
