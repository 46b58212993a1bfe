package dev.homefeed.projection.api;

/** Where the next page of dead letters starts: after this letter. */
public record DeadLetterPosition(String sequenceId, long sequenceIndex) {
}
