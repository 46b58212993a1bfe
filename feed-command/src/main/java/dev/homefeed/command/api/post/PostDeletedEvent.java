package dev.homefeed.command.api.post;

import dev.homefeed.command.api.PostId;
import dev.homefeed.command.api.UserId;
import org.axonframework.serialization.Revision;

import java.time.Instant;

/** A post was deleted by its author; it is gone for good. */
@Revision("1")
public record PostDeletedEvent(PostId postId, UserId authorId, Instant deletedAt) {
}
