package dev.homefeed.projection.api;

import java.time.Instant;

/** How current a read is: the worst over the projections it reads. */
public record Freshness(Instant projectedThrough, long lagEvents, long lagMillis, boolean replaying) {

    public static final Freshness UNKNOWN = new Freshness(null, 0, 0, false);
}
