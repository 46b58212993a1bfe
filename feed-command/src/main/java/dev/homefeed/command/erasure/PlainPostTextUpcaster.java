package dev.homefeed.command.erasure;

import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.homefeed.command.api.post.PostEditedEvent;
import dev.homefeed.command.api.post.PostPublishedEvent;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;
import org.springframework.stereotype.Component;

/**
 * Post events of revision 1 held their text in plain; revision 2 holds it sealed. Until the one-off migration
 * ({@link PlainPostEvents}) has sealed every stored revision-1 event in place, those are read as revision 2 with the
 * text marked plain ({@code {"plain": "..."}}), which {@link PersonalDataSeal} passes through.
 */
@Component
class PlainPostTextUpcaster extends SingleEventUpcaster {

    static final Set<String> TYPES = Set.of(PostPublishedEvent.class.getName(), PostEditedEvent.class.getName());
    static final String PLAIN_REVISION = "1";
    static final String SEALED_REVISION = "2";

    @Override
    protected boolean canUpcast(IntermediateEventRepresentation representation) {
        return PLAIN_REVISION.equals(representation.getType().getRevision()) && TYPES.contains(representation.getType().getName());
    }

    @Override
    protected IntermediateEventRepresentation doUpcast(IntermediateEventRepresentation representation) {
        return representation.upcastPayload(new SimpleSerializedType(representation.getType().getName(), SEALED_REVISION),
                JsonNode.class, PlainPostTextUpcaster::markPlain);
    }

    static JsonNode markPlain(JsonNode event) {
        JsonNode text = event.get("text");
        if (text != null && text.isTextual()) {
            ObjectNode plain = ((ObjectNode) event).objectNode();
            plain.set(PersonalDataSeal.PLAIN, text);
            ((ObjectNode) event).set("text", plain);
        }
        return event;
    }
}
