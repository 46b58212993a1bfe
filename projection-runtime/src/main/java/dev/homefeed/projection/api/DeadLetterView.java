package dev.homefeed.projection.api;

import java.time.Instant;

/** A parked event as the admin API shows it; {@code cause} is the database's or handler's message, never SQL text. */
public record DeadLetterView(String id, String sequenceId, String eventId, String eventType, Long globalIndex,
                             Instant enqueuedAt, Instant lastTouched, int attempts, String cause) {
}
