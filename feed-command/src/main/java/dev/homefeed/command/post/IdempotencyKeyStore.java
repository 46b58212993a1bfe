package dev.homefeed.command.post;

import dev.homefeed.command.api.PostId;
import dev.homefeed.command.api.UserId;

import java.time.Instant;
import java.util.Optional;

/** Remembers which post an author's Idempotency-Key produced, and for which request body. */
interface IdempotencyKeyStore {

    /**
     * Stores the key for {@code postId} unless the author already used it, within the caller's
     * transaction. A concurrent claim of the same key waits here until the other transaction ends.
     *
     * @return empty if this call claimed the key, else what was stored under it before
     */
    Optional<StoredKey> claim(UserId authorId, String key, PostId postId, String requestHash, Instant now);

    record StoredKey(PostId postId, String requestHash) {
    }
}
