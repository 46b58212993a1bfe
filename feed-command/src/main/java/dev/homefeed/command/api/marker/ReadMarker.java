package dev.homefeed.command.api.marker;

import dev.homefeed.command.api.PostId;

import java.time.Instant;

/**
 * A viewer's read marker as its aggregate holds it: the answer to {@link MoveReadMarkerCommand}.
 *
 * @param lastSeenAt the post's {@code createdAt}
 * @param updatedAt  when the marker last moved
 */
public record ReadMarker(PostId lastSeenPostId, Instant lastSeenAt, Instant updatedAt) {
}
