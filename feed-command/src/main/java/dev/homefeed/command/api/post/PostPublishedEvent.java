package dev.homefeed.command.api.post;

import dev.homefeed.command.api.PostId;
import dev.homefeed.command.api.UserId;
import org.axonframework.serialization.Revision;

import java.time.Instant;

/**
 * A post was published. {@code text} is already trimmed and valid; {@code createdAt} is the
 * millisecond in the post id. When the request carried an Idempotency-Key, the event's metadata
 * holds it under {@code "idempotencyKey"}.
 *
 * @param expiresAt null for a post that never expires
 */
@Revision("1")
public record PostPublishedEvent(PostId postId, UserId authorId, String text, Instant createdAt,
                                 Instant expiresAt) {
}
