package dev.homefeed.command.erasure;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import dev.homefeed.command.api.UserId;
import dev.homefeed.command.api.erasure.EraseUserCommand;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.modelling.command.Repository;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Erases a user in one transaction, the command's: under the user's lock, their plain post events lose their text,
 * their data key is destroyed, their idempotency keys go and the erasure is recorded; the {@code UserErasedEvent} then
 * makes the command side's lookups drop their posts and follows (in the same transaction) and the projections drop the
 * rest. So a crash leaves either nothing or all of it, and the projections resume from their tokens.
 */
@Component
class ErasureCommandHandler {

    private final Repository<UserErasure> erasures;
    private final JdbcClient jdbc;
    private final UserLocks locks;
    private final ErasureGuard guard;
    private final DataKeys keys;
    private final PlainPostEvents plainEvents;
    private final Clock clock;

    ErasureCommandHandler(Repository<UserErasure> erasures, JdbcClient jdbc, UserLocks locks, ErasureGuard guard,
                          DataKeys keys, PlainPostEvents plainEvents, Clock clock) {
        this.erasures = erasures;
        this.jdbc = jdbc;
        this.locks = locks;
        this.guard = guard;
        this.keys = keys;
        this.plainEvents = plainEvents;
        this.clock = clock;
    }

    /** @return whether this command erased the user (false: they were erased before) */
    @CommandHandler
    boolean handle(EraseUserCommand cmd) throws Exception {
        UserId user = cmd.userId();
        locks.exclusive(user);
        if (guard.erased(user)) {
            return false;
        }
        Instant now = clock.instant();
        int posts = jdbc.sql("SELECT count(*) FROM post_by_author WHERE author_id = :user").param("user", user.value())
                .query(Integer.class).single();
        int follows = jdbc.sql("SELECT count(*) FROM following WHERE follower_id = :user OR followee_id = :user")
                .param("user", user.value()).query(Integer.class).single();
        plainEvents.erase(user);
        keys.shred(user);
        jdbc.sql("DELETE FROM post_idempotency_key WHERE author_id = :user").param("user", user.value()).update();
        jdbc.sql("""
                INSERT INTO user_erasure (user_id, requested_at, posts, follows)
                VALUES (:user, :now, :posts, :follows)""")
                .param("user", user.value())
                .param("now", now.atOffset(ZoneOffset.UTC))
                .param("posts", posts)
                .param("follows", follows)
                .update();
        erasures.newInstance(() -> new UserErasure(user, now, posts, follows));
        return true;
    }
}
