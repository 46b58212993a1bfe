package dev.homefeed.command.follow;

import dev.homefeed.command.api.AggregateIds;
import dev.homefeed.command.api.CannotFollowYourselfException;
import dev.homefeed.command.api.UserId;
import dev.homefeed.command.api.follow.FollowUserCommand;
import dev.homefeed.command.api.follow.UnfollowUserCommand;
import dev.homefeed.command.api.follow.UserFollowedEvent;
import org.axonframework.config.Configuration;
import org.axonframework.config.Configurer;
import org.axonframework.config.DefaultConfigurer;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The follow aggregate on a real Axon configuration (SimpleCommandBus, event-sourcing repository,
 * the processor set-up of {@link FollowingLookupConfiguration}), to pin down framework behaviour the
 * design relies on. The lookup's SQL itself is tested against PostgreSQL in feed-api.
 */
class FollowCommandBusTest {

    static final UserId ANN = new UserId(1);
    static final UserId BOB = new UserId(2);

    final LookupStandIn lookup = new LookupStandIn();
    Configuration axon;

    @BeforeEach
    void start() {
        Configurer configurer = DefaultConfigurer.defaultConfiguration()
                .configureEmbeddedEventStore(c -> new InMemoryEventStorageEngine())
                .registerComponent(Clock.class, c -> Clock.fixed(Instant.parse("2026-11-22T10:15:30.123Z"), ZoneOffset.UTC))
                .configureAggregate(FollowRelation.class);
        configurer.eventProcessing().registerEventHandler(c -> lookup);
        new FollowingLookupConfiguration().followingLookupProcessor().configureModule(configurer);
        axon = configurer.start();
    }

    @AfterEach
    void stop() {
        axon.shutdown();
    }

    @Test
    void handlerExceptionsReachTheGatewayCallerUnchanged() {
        assertThatThrownBy(() -> axon.commandGateway().sendAndWait(new FollowUserCommand(ANN, ANN)))
                .isExactlyInstanceOf(CannotFollowYourselfException.class);
    }

    @Test
    void unfollowOfANeverFollowedPairStoresNothingAndLaterFollowsStillCreateIt() {
        axon.commandGateway().sendAndWait(new UnfollowUserCommand(ANN, BOB));
        assertThat(axon.eventStore().readEvents(AggregateIds.follow(ANN, BOB)).hasNext()).isFalse();

        axon.commandGateway().sendAndWait(new FollowUserCommand(ANN, BOB));
        axon.commandGateway().sendAndWait(new FollowUserCommand(ANN, BOB));

        assertThat(axon.eventStore().readEvents(AggregateIds.follow(ANN, BOB)).asStream().count()).isOne();
    }

    @Test
    void lookupRunsInTheCommandsThreadBeforeTheCommandReturns() {
        axon.commandGateway().sendAndWait(new FollowUserCommand(ANN, BOB));

        assertThat(lookup.threads).containsExactly(Thread.currentThread().getName());
    }

    @Test
    void failingLookupFailsTheCommandAndStoresNoEvent() {
        lookup.fail = true;

        assertThatThrownBy(() -> axon.commandGateway().sendAndWait(new FollowUserCommand(ANN, BOB)))
                .hasMessage("lookup table unavailable");
        assertThat(axon.eventStore().readEvents(AggregateIds.follow(ANN, BOB)).hasNext()).isFalse();
    }

    /** Same processing group as {@link FollowingLookup}, without its database. */
    @ProcessingGroup(FollowingLookup.PROCESSING_GROUP)
    static class LookupStandIn {

        final List<String> threads = new ArrayList<>();
        boolean fail;

        @EventHandler
        void on(UserFollowedEvent event) {
            if (fail) {
                throw new IllegalStateException("lookup table unavailable");
            }
            threads.add(Thread.currentThread().getName());
        }
    }
}
