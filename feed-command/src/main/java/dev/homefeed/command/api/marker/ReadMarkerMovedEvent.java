package dev.homefeed.command.api.marker;

import dev.homefeed.command.api.PostId;
import dev.homefeed.command.api.UserId;
import org.axonframework.serialization.Revision;

import java.time.Instant;

/**
 * The viewer's read marker moved forward to a newer post.
 *
 * @param lastSeenAt the post's {@code createdAt} (the millisecond in its id)
 * @param movedAt    when the marker moved; projections show it as {@code updatedAt}, so a replay reproduces it
 */
@Revision("1")
public record ReadMarkerMovedEvent(UserId viewerId, PostId lastSeenPostId, Instant lastSeenAt, Instant movedAt) {
}
