package dev.homefeed.command.erasure;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Optional;

import dev.homefeed.command.api.UserId;
import dev.homefeed.command.api.erasure.EraseUserCommand;
import dev.homefeed.command.api.erasure.ErasureStatus;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Erasure's front door: erase a user through the command bus, and what became of an erasure. */
@Component
public class ErasureGateway {

    private static final Logger log = LoggerFactory.getLogger(ErasureGateway.class);

    private final CommandGateway commands;
    private final ErasedUsers erasedUsers;
    private final JdbcClient jdbc;

    ErasureGateway(CommandGateway commands, ErasedUsers erasedUsers, JdbcClient jdbc) {
        this.commands = commands;
        this.erasedUsers = erasedUsers;
        this.jdbc = jdbc;
    }

    /**
     * Erases the user; idempotent, and a user never seen is erased too (no data of theirs may be stored later).
     *
     * @return whether this call erased them (false: they were erased before)
     */
    public boolean erase(UserId user) {
        boolean erased = commands.<Boolean>sendAndWait(new EraseUserCommand(user));
        erasedUsers.add(user);
        if (erased) {
            status(user).ifPresent(s -> log.info("Erased user {}: their data key is destroyed; {} posts and {} follows leave "
                    + "the feeds as the projections reach the erasure", user, s.posts(), s.follows()));
        }
        return erased;
    }

    public boolean erased(UserId user) {
        return erasedUsers.contains(user);
    }

    public Optional<ErasureStatus> status(UserId user) {
        return jdbc.sql("SELECT requested_at, completed_at, posts, follows FROM user_erasure WHERE user_id = :user")
                .param("user", user.value())
                .query((rs, i) -> new ErasureStatus(user, instant(rs.getObject(1, OffsetDateTime.class)),
                        instant(rs.getObject(2, OffsetDateTime.class)), rs.getInt(3), rs.getInt(4)))
                .optional();
    }

    private static Instant instant(OffsetDateTime value) {
        return value == null ? null : value.toInstant();
    }
}
