package dev.homefeed.command.follow;

import dev.homefeed.command.api.UserId;
import dev.homefeed.command.api.follow.FollowUserCommand;
import dev.homefeed.command.api.follow.FollowingPage;
import dev.homefeed.command.api.follow.FollowingPosition;
import dev.homefeed.command.api.erasure.UserErasedException;
import dev.homefeed.command.api.follow.UnfollowUserCommand;
import dev.homefeed.command.erasure.ErasedUsers;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.stereotype.Component;

/**
 * The follow relation's front door: follow and unfollow through the command bus, and the following list from the
 * table written in the same transaction as the follow events, so it is consistent with the caller's own calls.
 */
@Component
public class FollowGateway {

    private final CommandGateway commands;
    private final FollowingList following;
    private final ErasedUsers erasedUsers;

    FollowGateway(CommandGateway commands, FollowingList following, ErasedUsers erasedUsers) {
        this.commands = commands;
        this.following = following;
        this.erasedUsers = erasedUsers;
    }

    /**
     * Idempotent; following yourself or an erased user is refused (here at once, and in the follow's transaction
     * under the users' locks, {@code FollowingLookup}).
     */
    public void follow(UserId follower, UserId followee) {
        if (erasedUsers.contains(followee)) {
            throw new UserErasedException(followee);
        }
        commands.sendAndWait(new FollowUserCommand(follower, followee));
    }

    /** Idempotent. */
    public void unfollow(UserId follower, UserId followee) {
        commands.sendAndWait(new UnfollowUserCommand(follower, followee));
    }

    /** @param after null for the first page, else the {@link FollowingPage#next()} of the page before */
    public FollowingPage following(UserId follower, int limit, FollowingPosition after) {
        return following.page(follower, limit, after);
    }
}
