package dev.homefeed.query.homefeed;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.homefeed.command.api.UserId;
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
            UserUnfollowedEvent.class, new Author<>("followeeId", UserUnfollowedEvent::followeeId));

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

    /** The user id in the top-level {@code field} of the stored payload, or 0 if it holds none. */
    private long storedUserId(EventMessage<?> event, String field) {
        byte[] bytes = event.serializePayload(eventSerializer, byte[].class).getData();
        try (JsonParser json = JSON.createParser(bytes)) {
            if (json.nextToken() != JsonToken.START_OBJECT) {
                return 0;
            }
            while (json.nextToken() == JsonToken.FIELD_NAME) {
                String name = json.currentName();
                JsonToken value = json.nextToken();
                if (name.equals(field)) {
                    return userId(json, value);
                }
                json.skipChildren();
            }
            return 0;
        } catch (IOException notJson) {
            return 0;
        }
    }

    /** A {@link UserId} as Jackson writes it, {@code {"value":7}}, or as a bare number. */
    private static long userId(JsonParser json, JsonToken token) throws IOException {
        if (token == JsonToken.VALUE_NUMBER_INT) {
            return json.getLongValue();
        }
        if (token != JsonToken.START_OBJECT) {
            return 0;
        }
        while (json.nextToken() == JsonToken.FIELD_NAME) {
            String name = json.currentName();
            JsonToken value = json.nextToken();
            if (name.equals("value") && value == JsonToken.VALUE_NUMBER_INT) {
                return json.getLongValue();
            }
            json.skipChildren();
        }
        return 0;
    }
}
