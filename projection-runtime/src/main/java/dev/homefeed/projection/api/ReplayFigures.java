package dev.homefeed.projection.api;

import java.time.Duration;

/** A running replay's rate and estimated time left; {@code remaining} is null until a rate is known. */
public record ReplayFigures(double eventsPerSecond, Duration remaining) {
}
