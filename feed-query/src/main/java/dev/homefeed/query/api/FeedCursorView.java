package dev.homefeed.query.api;

import java.time.Instant;

/**
 * A viewer's read marker as projected into {@code feed_cursor}.
 *
 * @param lastSeenAt the post's {@code createdAt}
 * @param updatedAt  when the marker last moved, from the event
 */
public record FeedCursorView(long lastSeenPostId, Instant lastSeenAt, Instant updatedAt) {
}
