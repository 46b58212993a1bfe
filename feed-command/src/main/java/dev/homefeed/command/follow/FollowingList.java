package dev.homefeed.command.follow;

import dev.homefeed.command.api.UserId;
import dev.homefeed.command.api.follow.FollowingPage;
import dev.homefeed.command.api.follow.FollowingPosition;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

/** Whom a user follows, newest first, read from the command side's {@code following} table. */
@Component
class FollowingList {

    private final JdbcClient jdbc;

    FollowingList(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * One keyset page ordered by {@code followed_at desc, followee_id desc}.
     *
     * @param after null for the first page, else the {@link FollowingPage#next()} of the page before
     */
    FollowingPage page(UserId followerId, int limit, FollowingPosition after) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be positive, was " + limit);
        }
        JdbcClient.StatementSpec query = after == null
                ? jdbc.sql("""
                        SELECT followee_id, followed_at FROM following
                        WHERE follower_id = :followerId
                        ORDER BY followed_at DESC, followee_id DESC
                        LIMIT :limit""")
                : jdbc.sql("""
                        SELECT followee_id, followed_at FROM following
                        WHERE follower_id = :followerId
                          AND (followed_at, followee_id) < (:afterFollowedAt, :afterFolloweeId)
                        ORDER BY followed_at DESC, followee_id DESC
                        LIMIT :limit""")
                      .param("afterFollowedAt", OffsetDateTime.ofInstant(after.followedAt(), ZoneOffset.UTC))
                      .param("afterFolloweeId", after.followeeId().value());
        // One row more than asked tells whether another page exists.
        List<FollowingPosition> rows = query.param("followerId", followerId.value())
                .param("limit", limit + 1)
                .query((rs, n) -> new FollowingPosition(rs.getObject("followed_at", OffsetDateTime.class).toInstant(),
                                               new UserId(rs.getLong("followee_id"))))
                .list();
        List<FollowingPosition> page = rows.subList(0, Math.min(limit, rows.size()));
        FollowingPosition next = rows.size() > limit ? page.get(page.size() - 1) : null;
        return new FollowingPage(page.stream().map(FollowingPosition::followeeId).toList(), next);
    }
}
