package dev.homefeed.command.follow;

import dev.homefeed.command.api.UserId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

/** Whom a user follows, newest first, read from the command side's {@code following} table. */
@Component
public class FollowingList {

    /** A place in the list: the sort key of the last row a page returned. */
    public record Position(Instant followedAt, UserId followeeId) {
    }

    /**
     * @param followees newest follow first
     * @param next      where the next page starts; null when this is the last page
     */
    public record Page(List<UserId> followees, Position next) {
    }

    private final JdbcClient jdbc;

    public FollowingList(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * One keyset page ordered by {@code followed_at desc, followee_id desc}.
     *
     * @param after null for the first page, else the {@link Page#next()} of the page before
     */
    public Page page(UserId followerId, int limit, Position after) {
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
        List<Position> rows = query.param("followerId", followerId.value())
                .param("limit", limit + 1)
                .query((rs, n) -> new Position(rs.getObject("followed_at", OffsetDateTime.class).toInstant(),
                                               new UserId(rs.getLong("followee_id"))))
                .list();
        List<Position> page = rows.subList(0, Math.min(limit, rows.size()));
        Position next = rows.size() > limit ? page.get(page.size() - 1) : null;
        return new Page(page.stream().map(Position::followeeId).toList(), next);
    }
}
