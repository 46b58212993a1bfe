package dev.homefeed.command.eventstore;

import java.io.IOException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.homefeed.command.api.PersonalData;
import dev.homefeed.command.erasure.PersonalDataSeal;
import org.axonframework.serialization.SerializationException;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.SimpleSerializedObject;

/**
 * The Jackson serializer with personal data sealed: an event that is {@link PersonalData} is written with its personal
 * fields encrypted under its subject's data key, and read back with them decrypted, or null once the key is gone
 * ({@link PersonalDataSeal}). Every reader of the event store, the processors in a replay or a rebuild included, goes
 * through here, so an erased user's text cannot come back. Other types pass through untouched.
 */
final class SealingJacksonSerializer extends ClassCachingJacksonSerializer {

    private final PersonalDataSeal seal;

    SealingJacksonSerializer(Builder builder, PersonalDataSeal seal) {
        super(builder);
        this.seal = seal;
    }

    @Override
    public <T> SerializedObject<T> serialize(Object object, Class<T> expectedRepresentation) {
        if (!(object instanceof PersonalData personal)) {
            return super.serialize(object, expectedRepresentation);
        }
        ObjectNode json = getObjectMapper().valueToTree(object);
        seal.seal(json, personal);
        SerializedObject<JsonNode> sealed = new SimpleSerializedObject<>(json, JsonNode.class, typeForClass(object.getClass()));
        return getConverter().convert(sealed, expectedRepresentation);
    }

    @Override
    @SuppressWarnings("unchecked")
    public <S, T> T deserialize(SerializedObject<S> serializedObject) {
        Class<?> type = classForType(serializedObject.getType());
        if (!seal.seals(type)) {
            return super.deserialize(serializedObject);
        }
        JsonNode json = JsonNode.class.equals(serializedObject.getContentType())
                // An upcaster's result may be read twice: unseal a copy.
                ? ((JsonNode) serializedObject.getData()).deepCopy()
                : getConverter().convert(serializedObject, JsonNode.class).getData();
        seal.unseal((ObjectNode) json, type);
        try {
            return (T) getReader(type).readValue(json);
        } catch (IOException e) {
            throw new SerializationException("Error while deserializing " + type.getSimpleName(), e);
        }
    }
}
