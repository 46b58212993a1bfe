package dev.homefeed.command.eventstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.SplittableRandom;

import org.axonframework.common.DateTimeUtils;
import org.junit.jupiter.api.Test;

class StoredTimestampsTest {

    @Test
    void readsEveryTimestampAxonWritesAsAxonWould() {
        SplittableRandom random = new SplittableRandom(42);
        for (int i = 0; i < 100_000; i++) {
            // Year 1 to 9999, any millisecond: Axon stores three fraction digits.
            Instant instant = Instant.ofEpochMilli(random.nextLong(-62_135_596_800_000L, 253_402_300_799_999L));
            String stored = DateTimeUtils.formatInstant(instant);
            assertThat(StoredTimestamps.parse(stored)).as(stored).isEqualTo(instant).isEqualTo(DateTimeUtils.parseInstant(stored));
        }
    }

    @Test
    void readsTheEdgesOfDaysAndYears() {
        for (String stored : new String[]{"1970-01-01T00:00:00.000Z", "2024-02-29T23:59:59.999Z", "2026-12-31T23:59:59.999Z",
                "2027-01-01T00:00:00.000Z", "1969-12-31T23:59:59.999Z"}) {
            assertThat(StoredTimestamps.parse(stored)).isEqualTo(Instant.parse(stored));
        }
    }

    @Test
    void readsOtherIsoShapesThroughAxonsParser() {
        assertThat(StoredTimestamps.parse("2026-11-22T09:51:18.846+01:00")).isEqualTo(Instant.parse("2026-11-22T08:51:18.846Z"));
        assertThat(StoredTimestamps.parse("2026-11-22T08:51:18.846123Z")).isEqualTo(Instant.parse("2026-11-22T08:51:18.846123Z"));
        assertThat(StoredTimestamps.parse("2026-11-22T08:51:18Z")).isEqualTo(Instant.parse("2026-11-22T08:51:18Z"));
    }

    @Test
    void refusesWhatIsNoTimestamp() {
        assertThatThrownBy(() -> StoredTimestamps.parse("2026-13-22T08:51:18.846Z")).isInstanceOf(DateTimeParseException.class);
        assertThatThrownBy(() -> StoredTimestamps.parse("2026-02-30T08:51:18.846Z")).isInstanceOf(DateTimeParseException.class);
        assertThatThrownBy(() -> StoredTimestamps.parse("not a timestamp at all!!")).isInstanceOf(DateTimeParseException.class);
    }
}
