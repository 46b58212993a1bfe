package dev.homefeed.command.eventstore;

import java.io.IOException;
import java.time.Instant;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.Module;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.datatype.jsr310.deser.InstantDeserializer;

/**
 * Reads the instants in messages as Jackson does, with the shape they are written in read digit by digit
 * ({@link StoredTimestamps#parseCanonical}). Jackson's own deserializer goes through the general ISO formatter:
 * about a twelfth of a processor thread's samples in a replay (JFR), every event carrying one or two instants.
 * Every other shape, and every other token, is still Jackson's.
 */
final class EventInstantDeserializer extends StdScalarDeserializer<Instant> {

    private EventInstantDeserializer() {
        super(Instant.class);
    }

    /** For the messages' own object mapper: registered after Jackson's Java time module, so it takes precedence. */
    static Module module() {
        return new SimpleModule("event-instants").addDeserializer(Instant.class, new EventInstantDeserializer());
    }

    @Override
    public Instant deserialize(JsonParser parser, DeserializationContext context) throws IOException {
        if (parser.hasToken(JsonToken.VALUE_STRING)) {
            Instant instant = StoredTimestamps.parseCanonical(parser.getText());
            if (instant != null) {
                return instant;
            }
        }
        return InstantDeserializer.INSTANT.deserialize(parser, context);
    }
}
