package dev.homefeed.command.eventstore;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.axonframework.serialization.SerializedType;
import org.axonframework.serialization.UnknownSerializedType;
import org.axonframework.serialization.json.JacksonSerializer;

/**
 * Axon's Jackson serializer, remembering which class each serialized type name denotes. Axon asks Jackson for the
 * class on every payload and every metadata it reads, and Jackson asks {@code Class.forName}, whose native name
 * checks cost a seventh of a processor thread's CPU in a replay. Names of unknown classes are not remembered here
 * (Axon keeps its own list of those).
 */
class ClassCachingJacksonSerializer extends JacksonSerializer {

    private final Map<String, Class<?>> known = new ConcurrentHashMap<>();

    ClassCachingJacksonSerializer(Builder builder) {
        super(builder);
    }

    @Override
    @SuppressWarnings("rawtypes")
    public Class classForType(SerializedType type) {
        Class<?> cached = known.get(type.getName());
        if (cached != null) {
            return cached;
        }
        Class<?> resolved = super.classForType(type);
        if (resolved != UnknownSerializedType.class) {
            known.put(type.getName(), resolved);
        }
        return resolved;
    }
}
