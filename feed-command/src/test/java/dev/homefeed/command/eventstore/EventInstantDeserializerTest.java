package dev.homefeed.command.eventstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.SplittableRandom;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.junit.jupiter.api.Test;

class EventInstantDeserializerTest {

    record Stamped(Instant at) {
    }

    /** As Spring Boot configures it: instants written as ISO text. */
    private final ObjectMapper jackson = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    private final ObjectMapper events = jackson.copy().registerModule(EventInstantDeserializer.module());

    @Test
    void readsEveryInstantAMillisecondClockWritesAsJacksonWould() throws Exception {
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 50_000; i++) {
            // Whole seconds too: Instant.toString() then writes no fraction at all.
            long millis = random.nextLong(-62_135_596_800_000L, 253_402_300_799_999L);
            Instant instant = Instant.ofEpochMilli(i % 10 == 0 ? millis / 1000 * 1000 : millis);
            String json = jackson.writeValueAsString(new Stamped(instant));
            assertThat(events.readValue(json, Stamped.class)).as(json)
                    .isEqualTo(jackson.readValue(json, Stamped.class))
                    .isEqualTo(new Stamped(instant));
        }
    }

    @Test
    void leavesEveryOtherShapeToJackson() throws Exception {
        for (String value : new String[]{"\"2026-11-22T09:51:18.846+01:00\"", "\"2026-11-22T08:51:18.846123Z\"",
                "\"2026-11-22T08:51:18.8Z\"", "1700000000", "1700000000.25", "null"}) {
            String json = "{\"at\":" + value + "}";
            assertThat(events.readValue(json, Stamped.class)).as(json).isEqualTo(jackson.readValue(json, Stamped.class));
        }
    }

    @Test
    void refusesWhatIsNoInstantAsJacksonDoes() {
        for (String value : new String[]{"\"2026-13-22T08:51:18.846Z\"", "\"2026-02-30T08:51:18Z\"", "\"yesterday\""}) {
            String json = "{\"at\":" + value + "}";
            assertThatThrownBy(() -> jackson.readValue(json, Stamped.class)).isInstanceOf(JsonMappingException.class);
            assertThatThrownBy(() -> events.readValue(json, Stamped.class)).as(json).isInstanceOf(JsonMappingException.class);
        }
    }
}
