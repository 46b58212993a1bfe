package dev.homefeed.command.post;

import dev.homefeed.command.api.PostId;
import dev.homefeed.command.api.UserId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;

@Component
class JdbcIdempotencyKeyStore implements IdempotencyKeyStore {

    private final JdbcClient jdbc;

    JdbcIdempotencyKeyStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** MANDATORY: a key committed apart from its post would point at a post that may never exist. */
    @Override
    @Transactional(propagation = Propagation.MANDATORY)
    public Optional<StoredKey> claim(UserId authorId, String key, PostId postId, String requestHash, Instant now) {
        int inserted = jdbc.sql("""
                        INSERT INTO post_idempotency_key (author_id, idempotency_key, post_id, request_hash, created_at)
                        VALUES (:authorId, :key, :postId, :requestHash, :createdAt)
                        ON CONFLICT (author_id, idempotency_key) DO NOTHING""")
                .param("authorId", authorId.value())
                .param("key", key)
                .param("postId", postId.value())
                .param("requestHash", requestHash)
                .param("createdAt", OffsetDateTime.ofInstant(now, ZoneOffset.UTC))
                .update();
        if (inserted == 1) {
            return Optional.empty();
        }
        Optional<StoredKey> stored = jdbc.sql("""
                        SELECT post_id, request_hash FROM post_idempotency_key
                        WHERE author_id = :authorId AND idempotency_key = :key""")
                .param("authorId", authorId.value())
                .param("key", key)
                .query((rs, row) -> new StoredKey(new PostId(rs.getLong("post_id")), rs.getString("request_hash")))
                .optional();
        // Empty only if the purge removed the old row between the two statements: the key is free again.
        return stored.isPresent() ? stored : claim(authorId, key, postId, requestHash, now);
    }
}
