package dev.homefeed.command.post;

import dev.homefeed.command.api.ExpiryNotInFutureException;
import dev.homefeed.command.api.IdempotencyKeyReusedException;
import dev.homefeed.command.api.InvalidPostTextException;
import dev.homefeed.command.api.NotPostAuthorException;
import dev.homefeed.command.api.PostId;
import dev.homefeed.command.api.PostNotFoundException;
import dev.homefeed.command.api.StalePostVersionException;
import dev.homefeed.command.api.UserId;
import dev.homefeed.command.api.post.DeletePostCommand;
import dev.homefeed.command.api.post.EditPostCommand;
import dev.homefeed.command.api.post.PostDeletedEvent;
import dev.homefeed.command.api.post.PostEditedEvent;
import dev.homefeed.command.api.post.PostPublishedEvent;
import dev.homefeed.command.api.post.PublishPostCommand;
import dev.homefeed.command.api.post.PostView;
import dev.homefeed.command.api.post.PublishedPost;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.MetaData;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

class PostTest {

    static final UserId AUTHOR = new UserId(7);
    static final UserId STRANGER = new UserId(8);
    static final PostId POST = new PostId(7263518211522560L); // the example id of the HTTP contract
    static final Instant CREATED = POST.createdAt();
    static final Instant NOW = CREATED.plusSeconds(60);
    static final Instant LATER = NOW.plus(Duration.ofDays(1));
    static final PostPublishedEvent PUBLISHED = new PostPublishedEvent(POST, AUTHOR, "hello", CREATED, null);

    AggregateTestFixture<Post> fixture;
    InMemoryIdempotencyKeys idempotencyKeys;

    @BeforeEach
    void setUp() {
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        idempotencyKeys = new InMemoryIdempotencyKeys();
        fixture = new AggregateTestFixture<>(Post.class);
        fixture.registerAnnotatedCommandHandler(new PostCommandHandler(fixture.getRepository(), idempotencyKeys, clock));
    }

    @Test
    void publishesTrimmedTextWithCreatedAtFromTheId() {
        fixture.givenNoPriorActivity()
               .when(new PublishPostCommand(POST, AUTHOR, "  hello \n", null, null))
               .expectSuccessfulHandlerExecution()
               .expectResultMessagePayload(new PublishedPost(new PostView(POST, AUTHOR, "hello", CREATED, null, null, 1), false))
               .expectEvents(PUBLISHED);
    }

    @Test
    void publishesPostThatExpiresInTheFuture() {
        fixture.givenNoPriorActivity()
               .when(new PublishPostCommand(POST, AUTHOR, "hello", LATER, null))
               .expectEvents(new PostPublishedEvent(POST, AUTHOR, "hello", CREATED, LATER));
    }

    @Test
    void rejectsExpiryThatIsNotInTheFuture() {
        fixture.givenNoPriorActivity()
               .when(new PublishPostCommand(POST, AUTHOR, "hello", NOW, null))
               .expectException(ExpiryNotInFutureException.class)
               .expectNoEvents();
    }

    @Test
    void rejectsPublishWithBlankText() {
        fixture.givenNoPriorActivity()
               .when(new PublishPostCommand(POST, AUTHOR, " \t ", null, null))
               .expectException(InvalidPostTextException.class)
               .expectNoEvents();
    }

    @Test
    void recordsTheIdempotencyKeyInTheEventMetadata() {
        fixture.givenNoPriorActivity()
               .when(new PublishPostCommand(POST, AUTHOR, "hello", null, "key-1"))
               .expectResultMessagePayload(new PublishedPost(new PostView(POST, AUTHOR, "hello", CREATED, null, null, 1), false))
               .expectEvents(GenericEventMessage.asEventMessage(PUBLISHED)
                                                .andMetaData(MetaData.with(Post.IDEMPOTENCY_KEY, "key-1")));
    }

    @Test
    void returnsTheEarlierPostAsItStandsNowForARepeatedIdempotencyKey() {
        PostId earlier = new PostId(POST.value() - 1);
        idempotencyKeys.claim(AUTHOR, "key-1", earlier, PostCommandHandler.requestHash("hello", null), NOW);

        fixture.given(new PostPublishedEvent(earlier, AUTHOR, "hello", earlier.createdAt(), null),
                      new PostEditedEvent(earlier, AUTHOR, "edited since", NOW, 2))
               .when(new PublishPostCommand(POST, AUTHOR, " hello ", null, "key-1"))
               .expectResultMessagePayload(new PublishedPost(
                       new PostView(earlier, AUTHOR, "edited since", earlier.createdAt(), NOW, null, 2), true))
               .expectNoEvents();
    }

    @Test
    void aRepeatedIdempotencyKeyOfADeletedPostFindsNoPost() {
        PostId earlier = new PostId(POST.value() - 1);
        idempotencyKeys.claim(AUTHOR, "key-1", earlier, PostCommandHandler.requestHash("hello", null), NOW);

        fixture.given(new PostPublishedEvent(earlier, AUTHOR, "hello", earlier.createdAt(), null),
                      new PostDeletedEvent(earlier, AUTHOR, NOW))
               .when(new PublishPostCommand(POST, AUTHOR, "hello", null, "key-1"))
               .expectException(PostNotFoundException.class)
               .expectNoEvents();
    }

    @Test
    void rejectsIdempotencyKeyReusedWithADifferentBody() {
        idempotencyKeys.claim(AUTHOR, "key-1", new PostId(1), PostCommandHandler.requestHash("hello", null), NOW);

        fixture.givenNoPriorActivity()
               .when(new PublishPostCommand(POST, AUTHOR, "hello", LATER, "key-1"))
               .expectException(IdempotencyKeyReusedException.class)
               .expectNoEvents();
    }

    @Test
    void editsOwnPostToVersionTwo() {
        fixture.given(PUBLISHED)
               .when(new EditPostCommand(POST, AUTHOR, " bye ", null))
               .expectEvents(new PostEditedEvent(POST, AUTHOR, "bye", NOW, 2));
    }

    @Test
    void countsVersionsAcrossEdits() {
        fixture.given(PUBLISHED, new PostEditedEvent(POST, AUTHOR, "bye", CREATED, 2))
               .when(new EditPostCommand(POST, AUTHOR, "again", 2L))
               .expectEvents(new PostEditedEvent(POST, AUTHOR, "again", NOW, 3));
    }

    @Test
    void rejectsEditWithStaleVersion() {
        fixture.given(PUBLISHED, new PostEditedEvent(POST, AUTHOR, "bye", CREATED, 2))
               .when(new EditPostCommand(POST, AUTHOR, "again", 1L))
               .expectExceptionMessage("expected post version 1 but it is at version 2")
               .expectException(StalePostVersionException.class)
               .expectNoEvents();
    }

    @Test
    void rejectsEditByAnotherUser() {
        fixture.given(PUBLISHED)
               .when(new EditPostCommand(POST, STRANGER, "mine now", null))
               .expectException(NotPostAuthorException.class)
               .expectNoEvents();
    }

    @Test
    void rejectsEditWithInvalidText() {
        fixture.given(PUBLISHED)
               .when(new EditPostCommand(POST, AUTHOR, "bell\u0007", null))
               .expectException(InvalidPostTextException.class)
               .expectNoEvents();
    }

    @Test
    void rejectsEditOfDeletedPost() {
        fixture.given(PUBLISHED, new PostDeletedEvent(POST, AUTHOR, CREATED))
               .when(new EditPostCommand(POST, AUTHOR, "bye", null))
               .expectException(PostNotFoundException.class)
               .expectNoEvents();
    }

    @Test
    void rejectsEditOfExpiredPost() {
        fixture.given(new PostPublishedEvent(POST, AUTHOR, "hello", CREATED, NOW))
               .when(new EditPostCommand(POST, AUTHOR, "bye", null))
               .expectException(PostNotFoundException.class)
               .expectNoEvents();
    }

    @Test
    void rejectsEditOfUnknownPost() {
        fixture.givenNoPriorActivity()
               .when(new EditPostCommand(POST, AUTHOR, "bye", null))
               .expectException(PostNotFoundException.class)
               .expectNoEvents();
    }

    @Test
    void deletesOwnPost() {
        fixture.given(PUBLISHED)
               .when(new DeletePostCommand(POST, AUTHOR))
               .expectSuccessfulHandlerExecution()
               .expectEvents(new PostDeletedEvent(POST, AUTHOR, NOW));
    }

    @Test
    void rejectsDeleteByAnotherUser() {
        fixture.given(PUBLISHED)
               .when(new DeletePostCommand(POST, STRANGER))
               .expectException(NotPostAuthorException.class)
               .expectNoEvents();
    }

    @Test
    void acceptsDeleteOfDeletedPostWithoutEvent() {
        fixture.given(PUBLISHED, new PostDeletedEvent(POST, AUTHOR, CREATED))
               .when(new DeletePostCommand(POST, AUTHOR))
               .expectSuccessfulHandlerExecution()
               .expectNoEvents();
    }

    @Test
    void deletesExpiredPostForGood() {
        fixture.given(new PostPublishedEvent(POST, AUTHOR, "hello", CREATED, NOW))
               .when(new DeletePostCommand(POST, AUTHOR))
               .expectEvents(new PostDeletedEvent(POST, AUTHOR, NOW));
    }

    @Test
    void rejectsDeleteOfUnknownPost() {
        fixture.givenNoPriorActivity()
               .when(new DeletePostCommand(POST, AUTHOR))
               .expectException(PostNotFoundException.class)
               .expectNoEvents();
    }
}
