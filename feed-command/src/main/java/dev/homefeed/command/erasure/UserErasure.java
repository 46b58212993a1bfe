package dev.homefeed.command.erasure;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.time.Instant;

import dev.homefeed.command.api.AggregateIds;
import dev.homefeed.command.api.UserId;
import dev.homefeed.command.api.erasure.UserErasedEvent;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * A user's erasure: it happens once. Its stream holds the one {@link UserErasedEvent}, so erasing again finds it and
 * changes nothing, and two racing erasures collide on the stream's first sequence number.
 */
@Aggregate
class UserErasure {

    @AggregateIdentifier
    private String id;

    protected UserErasure() {
    }

    UserErasure(UserId userId, Instant now, int posts, int follows) {
        apply(new UserErasedEvent(userId, now, posts, follows));
    }

    @EventSourcingHandler
    void on(UserErasedEvent event) {
        id = AggregateIds.erasure(event.userId());
    }
}
