package dev.homefeed.query.homefeed;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.homefeed.command.api.UserId;
import dev.homefeed.command.api.erasure.UserErasedEvent;
import dev.homefeed.command.api.follow.UserFollowedEvent;
import dev.homefeed.command.api.follow.UserUnfollowedEvent;
import dev.homefeed.command.api.post.PostDeletedEvent;
import dev.homefeed.command.api.post.PostEditedEvent;
import dev.homefeed.command.api.post.PostPublishedEvent;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.async.SequencingPolicy;
import org.axonframework.serialization.Serializer;

import java.io.IOException;
import java.util.Map;
import java.util.function.Function;

/**
 * Orders the home feed's events by author. A follow and the followee's posts come from different aggregates, so
 * Axon's per-aggregate default would let them race on two segments; keyed by the author (the followee for follows),
 * every event about one author meets in order on one segment, and the segment count can still grow.
 * <p>
 * Every segment's thread asks this policy about every event, and only handles its own. So the author is read from
 * the event's stored JSON, which leaves the payload to be deserialized by the one thread that handles it: in a
 * replay on two segments, deserializing every event twice was a quarter of the processors' CPU. An event whose
 * stored form holds no such id (another serializer, say) is keyed from its payload, to the same key.
 */
final class AuthorSequencingPolicy implements SequencingPolicy<EventMessage<?>> {

    private static final JsonFactory JSON = new JsonFactory();

    private static final Map<Class<?>, Author<?>> AUTHORS = Map.of(
            PostPublishedEvent.class, new Author<>("authorId", PostPublishedEvent::authorId),
            PostEditedEvent.class, new Author<>("authorId", PostEditedEvent::authorId),
            PostDeletedEvent.class, new Author<>("authorId", PostDeletedEvent::authorId),
            UserFollowedEvent.class, new Author<>("followeeId", UserFollowedEvent::followeeId),
            UserUnfollowedEvent.class, new Author<>("followeeId", UserUnfollowedEvent::followeeId),
            UserErasedEvent.class, new Author<>("userId", UserErasedEvent::userId));

    /** Where an event names its author: the JSON field, and the record component behind it. */
    private record Author<E>(String field, Function<E, UserId> fromPayload) {

        @SuppressWarnings("unchecked")
        UserId of(Object payload) {
            return fromPayload.apply((E) payload);
        }
    }

    private final Serializer eventSerializer;

    /**
     * @param eventSerializer the one the event store reads with: a stored event gives that serializer its bytes
     *                        as they are, any other would get them by serializing the deserialized payload again
     */
    AuthorSequencingPolicy(Serializer eventSerializer) {
        this.eventSerializer = eventSerializer;
    }

    @Override
    public Object getSequenceIdentifierFor(EventMessage<?> event) {
        Author<?> author = AUTHORS.get(event.getPayloadType());
        if (author == null) {
            return event.getIdentifier();
        }
        long stored = storedUserId(event, author.field());
        return String.valueOf(stored > 0 ? stored : author.of(event.getPayload()).value());
    }

    /**
     * The user id in the top-level {@code field} of the stored payload, written as Jackson writes a {@link UserId}
     * ({@code {"value":7}}) or as a bare number; 0 if it holds none.
     */
    private long storedUserId(EventMessage<?> event, String field) {
        byte[] bytes = event.serializePayload(eventSerializer, byte[].class).getData();
        try (JsonParser json = JSON.createParser(bytes)) {
            JsonToken id = json.nextToken() == JsonToken.START_OBJECT ? valueOf(json, field) : null;
            if (id == JsonToken.START_OBJECT) {
                id = valueOf(json, "value");
            }
            return id == JsonToken.VALUE_NUMBER_INT ? json.getLongValue() : 0;
        } catch (IOException notJson) {
            return 0;
        }
    }

    /** Moves {@code json}, inside an object, to the value of its {@code field}: that value's token, or null. */
    private static JsonToken valueOf(JsonParser json, String field) throws IOException {
        while (json.nextToken() == JsonToken.FIELD_NAME) {
            String name = json.currentName();
            JsonToken value = json.nextToken();
            if (name.equals(field)) {
                return value;
            }
            json.skipChildren();
        }
        return null;
    }
}
