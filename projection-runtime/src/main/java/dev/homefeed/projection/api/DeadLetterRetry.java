package dev.homefeed.projection.api;

/** The outcome of retrying every parked sequence once: sequences tried, applied, and letters still parked. */
public record DeadLetterRetry(int attempted, int succeeded, long remaining) {
}
