package dev.homefeed.command.api.post;

import java.time.Instant;

import dev.homefeed.command.api.PersonalData;
import dev.homefeed.command.api.PostId;
import dev.homefeed.command.api.UserId;
import org.axonframework.serialization.Revision;

/**
 * A post's text was replaced. Revision 2 stores the text encrypted under the author's data key; revision 1 stored it
 * plain.
 *
 * @param text    null once the author has been erased
 * @param version the post's version after this edit: 2 after the first edit
 */
@Revision("2")
public record PostEditedEvent(PostId postId, UserId authorId, @PersonalData.Personal String text, Instant editedAt,
                              long version) implements PersonalData {

    @Override
    public UserId dataSubject() {
        return authorId;
    }

    /** The author was erased: the text can no longer be read. */
    public boolean erased() {
        return text == null;
    }
}
