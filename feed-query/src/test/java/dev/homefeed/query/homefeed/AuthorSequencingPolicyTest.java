package dev.homefeed.query.homefeed;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.homefeed.command.api.PostId;
import dev.homefeed.command.api.UserId;
import dev.homefeed.command.api.follow.UserFollowedEvent;
import dev.homefeed.command.api.follow.UserUnfollowedEvent;
import dev.homefeed.command.api.post.PostDeletedEvent;
import dev.homefeed.command.api.post.PostEditedEvent;
import dev.homefeed.command.api.post.PostPublishedEvent;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.EventUtils;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.TrackedDomainEventData;
import org.axonframework.eventsourcing.eventstore.jpa.DomainEventEntry;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.serialization.upcasting.event.NoOpEventUpcaster;
import org.junit.jupiter.api.Test;

/**
 * The home feed's events are keyed by author, whether the policy reads the author from the stored JSON (as for
 * every event a processor reads) or from the payload: the same key either way, so an event lands on the same
 * segment as before and as its author's other events. Stored events are keyed without being deserialized, which
 * leaves that to the one segment thread that handles them.
 */
class AuthorSequencingPolicyTest {

    static final Instant AT = Instant.parse("2026-01-01T00:00:00Z");
    static final UserId AUTHOR = new UserId(9_007_199_254_740_993L);
    static final UserId FOLLOWER = new UserId(5);

    final AtomicInteger deserialized = new AtomicInteger();
    final JacksonSerializer serializer = new JacksonSerializer(JacksonSerializer.builder()
            // As Spring Boot configures Jackson, which the service's event serializer is built on.
            .objectMapper(JsonMapper.builder().addModule(new JavaTimeModule())
                    .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).build())) {
        @Override
        public <S, T> T deserialize(SerializedObject<S> serializedObject) {
            deserialized.incrementAndGet();
            return super.deserialize(serializedObject);
        }
    };
    final AuthorSequencingPolicy policy = new AuthorSequencingPolicy(serializer);

    static final List<Object> EVENTS_OF_THE_AUTHOR = List.of(
            new PostPublishedEvent(new PostId(11), AUTHOR, "hello, {\"authorId\": 1}", AT, null),
            new PostEditedEvent(new PostId(11), AUTHOR, "edited", AT, 2),
            new PostDeletedEvent(new PostId(11), AUTHOR, AT),
            new UserFollowedEvent(FOLLOWER, AUTHOR, AT),
            new UserUnfollowedEvent(FOLLOWER, AUTHOR, AT));

    @Test
    void keysEveryStoredEventByItsAuthorWithoutDeserializingIt() {
        for (Object payload : EVENTS_OF_THE_AUTHOR) {
            assertThat(policy.getSequenceIdentifierFor(stored(payload, serializer)))
                    .as(payload.getClass().getSimpleName())
                    .isEqualTo(String.valueOf(AUTHOR.value()));
        }
        assertThat(deserialized).hasValue(0);
    }

    @Test
    void keysAnEventInMemoryByTheSameAuthor() {
        for (Object payload : EVENTS_OF_THE_AUTHOR) {
            assertThat(policy.getSequenceIdentifierFor(GenericEventMessage.asEventMessage(payload)))
                    .isEqualTo(policy.getSequenceIdentifierFor(stored(payload, serializer)));
        }
    }

    @Test
    void keysAFollowByTheFolloweeNotTheFollower() {
        UserFollowedEvent followed = new UserFollowedEvent(AUTHOR, FOLLOWER, AT);

        assertThat(policy.getSequenceIdentifierFor(stored(followed, serializer))).isEqualTo("5");
    }

    @Test
    void keysAnEventStoredUnderOtherFieldNamesFromItsPayload() {
        JacksonSerializer snakeCase = JacksonSerializer.builder()
                .objectMapper(JsonMapper.builder().addModule(new JavaTimeModule())
                        .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE).build())
                .build();
        AuthorSequencingPolicy readingSnakeCase = new AuthorSequencingPolicy(snakeCase);

        for (Object payload : EVENTS_OF_THE_AUTHOR) {
            assertThat(readingSnakeCase.getSequenceIdentifierFor(stored(payload, snakeCase)))
                    .isEqualTo(String.valueOf(AUTHOR.value()));
        }
    }

    @Test
    void keysAnEventWithoutAnAuthorByItsOwnIdentifier() {
        EventMessage<?> other = stored("not a feed event", serializer);

        assertThat(policy.getSequenceIdentifierFor(other)).isEqualTo(other.getIdentifier());
    }

    /** The event as a processor gets it from the JPA event store: an entry's bytes, deserialized lazily. */
    static EventMessage<?> stored(Object payload, Serializer serializer) {
        DomainEventEntry entry = new DomainEventEntry(
                new GenericDomainEventMessage<>("Post", "11", 0, payload), serializer);
        return EventUtils.upcastAndDeserializeTrackedEvents(
                        Stream.of(new TrackedDomainEventData<>(new GlobalSequenceTrackingToken(1), entry)),
                        serializer, NoOpEventUpcaster.INSTANCE)
                .findFirst().orElseThrow();
    }
}
