package dev.homefeed.command.marker;

import dev.homefeed.command.api.AggregateIds;
import dev.homefeed.command.api.PostId;
import dev.homefeed.command.api.PostNotFoundException;
import dev.homefeed.command.api.UserId;
import dev.homefeed.command.api.marker.MoveReadMarkerCommand;
import dev.homefeed.command.api.marker.ReadMarker;
import dev.homefeed.command.api.marker.ReadMarkerMovedEvent;
import dev.homefeed.command.api.post.PostDeletedEvent;
import dev.homefeed.command.api.post.PostPublishedEvent;
import dev.homefeed.command.post.PostHistory;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

class ViewerReadMarkerTest {

    static final UserId VIEWER = new UserId(7);
    static final UserId AUTHOR = new UserId(8);
    static final PostId OLDER = new PostId(7263518211522560L); // the example id of the HTTP contract
    static final PostId NEWER = new PostId(OLDER.value() + (1000L << PostId.TIMESTAMP_SHIFT));
    static final PostId DELETED = new PostId(NEWER.value() + (1000L << PostId.TIMESTAMP_SHIFT));
    static final PostId NEVER_PUBLISHED = new PostId(NEWER.value() + 1);
    static final Instant EARLIER = NEWER.createdAt().plusSeconds(5);
    static final Instant NOW = DELETED.createdAt().plusSeconds(60);

    /** The posts' own events, where {@link PostHistory} looks; apart from the fixture's store, which holds the marker's. */
    final EmbeddedEventStore postEvents = EmbeddedEventStore.builder().storageEngine(new InMemoryEventStorageEngine()).build();
    AggregateTestFixture<ViewerReadMarker> fixture;

    @BeforeEach
    void setUp() {
        publish(OLDER);
        publish(NEWER);
        publish(DELETED);
        postEvents.publish(new GenericDomainEventMessage<>("Post", AggregateIds.post(DELETED), 1,
                                                           new PostDeletedEvent(DELETED, AUTHOR, EARLIER)));
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        fixture = new AggregateTestFixture<>(ViewerReadMarker.class);
        fixture.registerInjectableResource(clock);
        fixture.registerInjectableResource(new PostHistory(postEvents, clock));
    }

    @AfterEach
    void stop() {
        postEvents.shutDown();
    }

    @Test
    void addressesOneMarkerPerViewer() {
        assertThat(new MoveReadMarkerCommand(VIEWER, OLDER).targetAggregateId()).isEqualTo("marker:7");
    }

    @Test
    void setsTheFirstMarkerAtThePostsCreationTime() {
        fixture.givenNoPriorActivity()
               .when(new MoveReadMarkerCommand(VIEWER, OLDER))
               .expectSuccessfulHandlerExecution()
               .expectEvents(new ReadMarkerMovedEvent(VIEWER, OLDER, OLDER.createdAt(), NOW))
               .expectResultMessagePayload(new ReadMarker(OLDER, OLDER.createdAt(), NOW));
    }

    @Test
    void movesForwardToANewerPost() {
        fixture.given(new ReadMarkerMovedEvent(VIEWER, OLDER, OLDER.createdAt(), EARLIER))
               .when(new MoveReadMarkerCommand(VIEWER, NEWER))
               .expectEvents(new ReadMarkerMovedEvent(VIEWER, NEWER, NEWER.createdAt(), NOW))
               .expectResultMessagePayload(new ReadMarker(NEWER, NEWER.createdAt(), NOW));
    }

    @Test
    void keepsTheStoredMarkerForAnOlderPost() {
        fixture.given(new ReadMarkerMovedEvent(VIEWER, NEWER, NEWER.createdAt(), EARLIER))
               .when(new MoveReadMarkerCommand(VIEWER, OLDER))
               .expectSuccessfulHandlerExecution()
               .expectNoEvents()
               .expectResultMessagePayload(new ReadMarker(NEWER, NEWER.createdAt(), EARLIER));
    }

    @Test
    void keepsTheStoredMarkerForTheSamePost() {
        fixture.given(new ReadMarkerMovedEvent(VIEWER, NEWER, NEWER.createdAt(), EARLIER))
               .when(new MoveReadMarkerCommand(VIEWER, NEWER))
               .expectSuccessfulHandlerExecution()
               .expectNoEvents()
               .expectResultMessagePayload(new ReadMarker(NEWER, NEWER.createdAt(), EARLIER));
    }

    @Test
    void refusesAPostThatNeverExisted() {
        fixture.givenNoPriorActivity()
               .when(new MoveReadMarkerCommand(VIEWER, NEVER_PUBLISHED))
               .expectException(PostNotFoundException.class)
               .expectNoEvents();
    }

    @Test
    void refusesAPostThatNeverExistedEvenWhenOlderThanTheMarker() {
        fixture.given(new ReadMarkerMovedEvent(VIEWER, DELETED, DELETED.createdAt(), EARLIER))
               .when(new MoveReadMarkerCommand(VIEWER, NEVER_PUBLISHED))
               .expectException(PostNotFoundException.class)
               .expectNoEvents();
    }

    @Test
    void acceptsADeletedPostBecauseItExisted() {
        fixture.given(new ReadMarkerMovedEvent(VIEWER, NEWER, NEWER.createdAt(), EARLIER))
               .when(new MoveReadMarkerCommand(VIEWER, DELETED))
               .expectEvents(new ReadMarkerMovedEvent(VIEWER, DELETED, DELETED.createdAt(), NOW))
               .expectResultMessagePayload(new ReadMarker(DELETED, DELETED.createdAt(), NOW));
    }

    private void publish(PostId postId) {
        postEvents.publish(new GenericDomainEventMessage<>("Post", AggregateIds.post(postId), 0,
                new PostPublishedEvent(postId, AUTHOR, "hello", postId.createdAt(), null)));
    }
}
