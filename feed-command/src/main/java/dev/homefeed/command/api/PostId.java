package dev.homefeed.command.api;

import java.time.Instant;

/**
 * A post's id: a positive 64-bit integer whose top bits are the millisecond the post was created,
 * counted from {@link #EPOCH}, so ordering by id and by creation time never disagree.
 * Layout: 41 bits milliseconds, 10 bits node, 12 bits sequence.
 */
public record PostId(long value) {

    public static final Instant EPOCH = Instant.parse("2024-01-01T00:00:00Z");
    public static final int TIMESTAMP_SHIFT = 22;

    public PostId {
        if (value < 1) {
            throw new IllegalArgumentException("post id must be positive, was " + value);
        }
    }

    /** The millisecond embedded in the id; this is the post's {@code createdAt}. */
    public Instant createdAt() {
        return EPOCH.plusMillis(value >>> TIMESTAMP_SHIFT);
    }

    @Override
    public String toString() {
        return Long.toString(value);
    }
}
