package dev.homefeed.command.api.erasure;

import java.time.Instant;

import dev.homefeed.command.api.UserId;
import org.axonframework.serialization.Revision;

/**
 * The user was erased: their data key is gone, so the personal data in their events can no longer be read, every
 * follow of or to them has ended, and projections drop everything they hold of them. Carries no personal data.
 *
 * @param posts   the user's live posts at the erasure
 * @param follows the follows that ended, in both directions
 */
@Revision("1")
public record UserErasedEvent(UserId userId, Instant erasedAt, int posts, int follows) {
}
