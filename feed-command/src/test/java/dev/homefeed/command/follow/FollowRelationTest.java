package dev.homefeed.command.follow;

import dev.homefeed.command.api.CannotFollowYourselfException;
import dev.homefeed.command.api.UserId;
import dev.homefeed.command.api.follow.FollowUserCommand;
import dev.homefeed.command.api.follow.UnfollowUserCommand;
import dev.homefeed.command.api.follow.UserFollowedEvent;
import dev.homefeed.command.api.follow.UserUnfollowedEvent;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

class FollowRelationTest {

    static final UserId ANN = new UserId(1);
    static final UserId BOB = new UserId(2);
    static final Instant EARLIER = Instant.parse("2026-11-21T08:00:00.000Z");
    static final Instant NOW = Instant.parse("2026-11-22T10:15:30.123Z");

    AggregateTestFixture<FollowRelation> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(FollowRelation.class);
        fixture.registerInjectableResource(Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @Test
    void firstFollowCreatesTheRelation() {
        fixture.givenNoPriorActivity()
               .when(new FollowUserCommand(ANN, BOB))
               .expectSuccessfulHandlerExecution()
               .expectEvents(new UserFollowedEvent(ANN, BOB, NOW));
    }

    @Test
    void followingAgainChangesNothing() {
        fixture.given(new UserFollowedEvent(ANN, BOB, EARLIER))
               .when(new FollowUserCommand(ANN, BOB))
               .expectSuccessfulHandlerExecution()
               .expectNoEvents();
    }

    @Test
    void followsAgainAfterUnfollowing() {
        fixture.given(new UserFollowedEvent(ANN, BOB, EARLIER), new UserUnfollowedEvent(ANN, BOB, EARLIER))
               .when(new FollowUserCommand(ANN, BOB))
               .expectEvents(new UserFollowedEvent(ANN, BOB, NOW));
    }

    @Test
    void rejectsFollowingYourself() {
        fixture.givenNoPriorActivity()
               .when(new FollowUserCommand(ANN, ANN))
               .expectException(CannotFollowYourselfException.class)
               .expectNoEvents();
    }

    @Test
    void unfollowsAFollowedUser() {
        fixture.given(new UserFollowedEvent(ANN, BOB, EARLIER))
               .when(new UnfollowUserCommand(ANN, BOB))
               .expectSuccessfulHandlerExecution()
               .expectEvents(new UserUnfollowedEvent(ANN, BOB, NOW));
    }

    @Test
    void unfollowingAgainChangesNothing() {
        fixture.given(new UserFollowedEvent(ANN, BOB, EARLIER), new UserUnfollowedEvent(ANN, BOB, EARLIER))
               .when(new UnfollowUserCommand(ANN, BOB))
               .expectSuccessfulHandlerExecution()
               .expectNoEvents();
    }

    @Test
    void unfollowingSomeoneNeverFollowedSucceedsWithoutEvent() {
        fixture.givenNoPriorActivity()
               .when(new UnfollowUserCommand(ANN, BOB))
               .expectSuccessfulHandlerExecution()
               .expectNoEvents();
    }

    @Test
    void unfollowingYourselfSucceedsWithoutEvent() {
        fixture.givenNoPriorActivity()
               .when(new UnfollowUserCommand(ANN, ANN))
               .expectSuccessfulHandlerExecution()
               .expectNoEvents();
    }
}
