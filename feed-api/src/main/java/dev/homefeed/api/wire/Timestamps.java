package dev.homefeed.api.wire;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;

import dev.homefeed.api.problem.InvalidRequestException;

/** Timestamps on the wire: RFC 3339 in UTC with exactly three fraction digits. */
public final class Timestamps {

    private static final DateTimeFormatter FORMAT =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private Timestamps() {
    }

    public static String format(Instant instant) {
        return instant == null ? null : FORMAT.format(instant);
    }

    /** Any RFC 3339 instant (offsets included), kept to the millisecond the API shows; else a 400 on the field. */
    public static Instant parse(String field, String raw) {
        try {
            return OffsetDateTime.parse(raw).toInstant().truncatedTo(ChronoUnit.MILLIS);
        } catch (DateTimeParseException e) {
            throw new InvalidRequestException(field, "must be an RFC 3339 timestamp such as 2026-11-22T10:15:30.123Z");
        }
    }
}
