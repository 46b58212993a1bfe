package dev.homefeed.command.api.post;

import java.time.Instant;

import dev.homefeed.command.api.PersonalData;
import dev.homefeed.command.api.PostId;
import dev.homefeed.command.api.UserId;
import org.axonframework.serialization.Revision;

/**
 * A post was published. {@code text} is already trimmed and valid; {@code createdAt} is the
 * millisecond in the post id. When the request carried an Idempotency-Key, the event's metadata
 * holds it under {@code "idempotencyKey"}. Revision 2 stores the text encrypted under the author's
 * data key; revision 1 stored it plain.
 *
 * @param text      null once the author has been erased
 * @param expiresAt null for a post that never expires
 */
@Revision("2")
public record PostPublishedEvent(PostId postId, UserId authorId, @PersonalData.Personal String text, Instant createdAt,
                                 Instant expiresAt) implements PersonalData {

    @Override
    public UserId dataSubject() {
        return authorId;
    }

    /** The author was erased: the text can no longer be read, and the post is gone for every reader. */
    public boolean erased() {
        return text == null;
    }
}
