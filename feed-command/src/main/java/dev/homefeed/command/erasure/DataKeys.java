package dev.homefeed.command.erasure;

import java.security.SecureRandom;
import java.util.Collection;
import java.util.Optional;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.homefeed.command.api.UserId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Each user's data key ({@code user_data_key}): 256-bit AES, created on the user's first personal data, destroyed by
 * their erasure. Keys are kept in memory once read, since every post event read in a replay needs its author's; an
 * erasure made here replaces the entry at once, one made by another instance within a second ({@link ErasedUsers}).
 * A key is never logged, and never leaves this class but as a {@link SecretKey}.
 */
@Component
public class DataKeys {

    /** A user's key as stored: present, or shredded (null). */
    private record Stored(SecretKey key) {
    }

    private static final Stored SHREDDED = new Stored(null);

    private final JdbcClient jdbc;
    private final TransactionTemplate ownTransaction;
    private final SecureRandom random = new SecureRandom();
    private final Cache<Long, Stored> keys = Caffeine.newBuilder().maximumSize(200_000).build();

    DataKeys(JdbcClient jdbc, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /**
     * The key to encrypt the user's data under; empty once the user is erased. A key is never replaced, so one in
     * memory is good for as long as the user exists: a command that stores personal data has checked, under the user's
     * lock, that they are not erased ({@link ErasureGuard}), and anything sealed under a key shredded since can only
     * be read by nobody. A first key is created and committed in a transaction of its own, so no key is used that a
     * rollback could take back.
     */
    public Optional<SecretKey> forSealing(UserId user) {
        Stored stored = keys.getIfPresent(user.value());
        if (stored == null) {
            stored = read(user.value()).orElseGet(() -> create(user.value()));
            keys.put(user.value(), stored);
        }
        return Optional.ofNullable(stored.key());
    }

    /** The key to decrypt the user's data with; empty once the user is erased. */
    public Optional<SecretKey> forUnsealing(long user) {
        Stored stored = keys.get(user, id -> read(id).orElse(SHREDDED));
        return Optional.ofNullable(stored.key());
    }

    /**
     * Destroys the user's key in the current transaction (the erasure's, which holds the user's lock), leaving the tombstone that keeps a new key
     * from being created for them. A key being created meanwhile waits
     * on the primary key and then finds the tombstone.
     */
    void shred(UserId user) {
        jdbc.sql("""
                INSERT INTO user_data_key (user_id, data_key, created_at, shredded_at) VALUES (:user, NULL, now(), now())
                ON CONFLICT (user_id) DO UPDATE SET data_key = NULL, shredded_at = coalesce(user_data_key.shredded_at, now())""")
                .param("user", user.value())
                .update();
    }

    /** Forgets the keys of users erased here or elsewhere, so no cached copy decrypts their data any more. */
    void forget(Collection<Long> users) {
        users.forEach(user -> keys.put(user, SHREDDED));
    }

    private Optional<Stored> read(long user) {
        return jdbc.sql("SELECT data_key FROM user_data_key WHERE user_id = :user")
                .param("user", user)
                .query((rs, i) -> {
                    byte[] key = rs.getBytes(1);
                    return key == null ? SHREDDED : new Stored(new SecretKeySpec(key, "AES"));
                })
                .optional();
    }

    private Stored create(long user) {
        byte[] key = new byte[32];
        random.nextBytes(key);
        return ownTransaction.execute(status -> {
            jdbc.sql("""
                    INSERT INTO user_data_key (user_id, data_key, created_at) VALUES (:user, :key, now())
                    ON CONFLICT (user_id) DO NOTHING""")
                    .param("user", user)
                    .param("key", key)
                    .update();
            return read(user).orElseThrow();
        });
    }
}
