package dev.homefeed.command.erasure;

import dev.homefeed.command.api.UserId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * A PostgreSQL advisory lock per user, held to the end of the transaction: shared by the commands that store the
 * user's personal data or a follow of theirs, exclusive for their erasure. So a command either commits before the
 * erasure starts (and the erasure removes what it wrote) or sees the erasure and is refused; nothing slips in between.
 * The two-key form of the lock, keyed by the id's two halves, is used for users only.
 */
@Component
public class UserLocks {

    private static final String KEYS = "(:user >> 32)::int, ((:user & 4294967295) - 2147483648)::int";

    private final JdbcClient jdbc;

    UserLocks(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void shared(UserId user) {
        jdbc.sql("SELECT pg_advisory_xact_lock_shared(" + KEYS + ")").param("user", user.value()).query((rs, i) -> null).list();
    }

    void exclusive(UserId user) {
        jdbc.sql("SELECT pg_advisory_xact_lock(" + KEYS + ")").param("user", user.value()).query((rs, i) -> null).list();
    }
}
