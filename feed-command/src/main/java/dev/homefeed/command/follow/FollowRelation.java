package dev.homefeed.command.follow;

import dev.homefeed.command.api.AggregateIds;
import dev.homefeed.command.api.CannotFollowYourselfException;
import dev.homefeed.command.api.follow.FollowUserCommand;
import dev.homefeed.command.api.follow.UnfollowUserCommand;
import dev.homefeed.command.api.follow.UserFollowedEvent;
import dev.homefeed.command.api.follow.UserUnfollowedEvent;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

import java.time.Clock;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * Whether one user follows another. Both commands may meet a pair that has no history yet; when
 * they change nothing they apply no event, and Axon then stores nothing for the pair.
 */
@Aggregate
class FollowRelation {

    @AggregateIdentifier
    private String id;
    private boolean following;

    protected FollowRelation() {
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    void handle(FollowUserCommand cmd, Clock clock) {
        if (cmd.followerId().equals(cmd.followeeId())) {
            throw new CannotFollowYourselfException(cmd.followerId());
        }
        if (!following) {
            apply(new UserFollowedEvent(cmd.followerId(), cmd.followeeId(), clock.instant()));
        }
    }

    /** Unfollowing yourself is not refused: that relation can never exist, so there is nothing to undo. */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    void handle(UnfollowUserCommand cmd, Clock clock) {
        if (following) {
            apply(new UserUnfollowedEvent(cmd.followerId(), cmd.followeeId(), clock.instant()));
        }
    }

    @EventSourcingHandler
    void on(UserFollowedEvent event) {
        id = AggregateIds.follow(event.followerId(), event.followeeId());
        following = true;
    }

    @EventSourcingHandler
    void on(UserUnfollowedEvent event) {
        following = false;
    }
}
