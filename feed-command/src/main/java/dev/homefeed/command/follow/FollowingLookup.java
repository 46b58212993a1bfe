package dev.homefeed.command.follow;

import dev.homefeed.command.api.erasure.UserErasedEvent;
import dev.homefeed.command.api.follow.UserFollowedEvent;
import dev.homefeed.command.api.follow.UserUnfollowedEvent;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * Keeps the command side's {@code following} table. Its processor is subscribing
 * ({@link FollowingLookupConfiguration}), so the rows change in the follow command's own transaction
 * and the following list is consistent as soon as the command returns.
 */
@Component
@ProcessingGroup(FollowingLookup.PROCESSING_GROUP)
class FollowingLookup {

    static final String PROCESSING_GROUP = "following-lookup";

    private final JdbcClient jdbc;

    FollowingLookup(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(UserFollowedEvent event) {
        jdbc.sql("""
                        INSERT INTO following (follower_id, followee_id, followed_at)
                        VALUES (:followerId, :followeeId, :followedAt)
                        ON CONFLICT (follower_id, followee_id) DO NOTHING""")
            .param("followerId", event.followerId().value())
            .param("followeeId", event.followeeId().value())
            .param("followedAt", OffsetDateTime.ofInstant(event.followedAt(), ZoneOffset.UTC))
            .update();
    }

    /** Every follow of or by an erased user ends. */
    @EventHandler
    void on(UserErasedEvent event) {
        jdbc.sql("DELETE FROM following WHERE follower_id = :user OR followee_id = :user")
            .param("user", event.userId().value())
            .update();
    }

    @EventHandler
    void on(UserUnfollowedEvent event) {
        jdbc.sql("DELETE FROM following WHERE follower_id = :followerId AND followee_id = :followeeId")
            .param("followerId", event.followerId().value())
            .param("followeeId", event.followeeId().value())
            .update();
    }
}
