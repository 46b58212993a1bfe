package dev.homefeed.command.api.post;

import dev.homefeed.command.api.PostId;
import dev.homefeed.command.api.UserId;

import java.time.Instant;

/**
 * A live post as its events tell it.
 *
 * @param editedAt  null if never edited
 * @param expiresAt null if it never expires
 * @param version   1 after publish, +1 per edit; the HTTP ETag
 */
public record PostView(PostId postId, UserId authorId, String text, Instant createdAt, Instant editedAt,
                       Instant expiresAt, long version) {
}
