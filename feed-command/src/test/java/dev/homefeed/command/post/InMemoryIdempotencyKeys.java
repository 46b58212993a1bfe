package dev.homefeed.command.post;

import dev.homefeed.command.api.PostId;
import dev.homefeed.command.api.UserId;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** Stands in for the idempotency table, whose SQL is tested against PostgreSQL in feed-api. */
class InMemoryIdempotencyKeys implements IdempotencyKeyStore {

    private final Map<String, StoredKey> keys = new HashMap<>();

    @Override
    public Optional<StoredKey> claim(UserId authorId, String key, PostId postId, String requestHash, Instant now) {
        return Optional.ofNullable(keys.putIfAbsent(authorId + "/" + key, new StoredKey(postId, requestHash)));
    }
}
