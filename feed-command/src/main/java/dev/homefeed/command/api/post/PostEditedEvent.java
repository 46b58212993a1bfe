package dev.homefeed.command.api.post;

import dev.homefeed.command.api.PostId;
import dev.homefeed.command.api.UserId;
import org.axonframework.serialization.Revision;

import java.time.Instant;

/**
 * A post's text was replaced.
 *
 * @param version the post's version after this edit: 2 after the first edit
 */
@Revision("1")
public record PostEditedEvent(PostId postId, UserId authorId, String text, Instant editedAt, long version) {
}
