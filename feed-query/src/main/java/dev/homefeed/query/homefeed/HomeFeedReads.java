package dev.homefeed.query.homefeed;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;

import dev.homefeed.command.api.SourceTruth;
import dev.homefeed.projection.api.Freshness;
import dev.homefeed.projection.lifecycle.ProjectionMonitor;
import dev.homefeed.query.ReadYourWrites;
import dev.homefeed.query.api.FeedEntry;
import dev.homefeed.query.api.FeedPosition;
import dev.homefeed.query.api.HomeFeedPage;
import dev.homefeed.query.api.ProjectionNames;
import dev.homefeed.query.api.ServedFrom;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The home feed's front door for readers: a page with keyset pagination, a backward range scan of {@code user_feed}'s
 * primary key {@code (viewer_id, created_at, post_id)}, never a sort of the whole feed, and the projection's freshness
 * from the background refresh, so a page costs one query. Expiry is applied here, at read time.
 */
@Component
public class HomeFeedReads {

    /**
     * The page query, with named parameters {@code viewer}, {@code created}, {@code post}, {@code now} and
     * {@code limit}: the viewer's fanned-out rows (a backward range scan of {@code user_feed}'s primary key), merged
     * under the same keyset with the recent posts of the few followed authors that are pulled at read time (a
     * backward range scan of each one's posts). Public so that its plan can be checked on real data.
     */
    public static final String PAGE_SQL = """
            WITH pulled AS (
                SELECT a.author_id FROM home_feed_author a
                WHERE a.pulled
                  AND EXISTS (SELECT 1 FROM home_feed_follower f WHERE f.followee_id = a.author_id AND f.follower_id = :viewer))
            (SELECT post_id, author_id, post_preview, created_at, expires_at
             FROM user_feed
             WHERE viewer_id = :viewer
               AND (created_at, post_id) < (:created, :post)
               AND (expires_at IS NULL OR expires_at > :now)
             ORDER BY created_at DESC, post_id DESC
             LIMIT :limit)
            UNION ALL
            (SELECT p.post_id, p.author_id, p.text, p.created_at, p.expires_at
             FROM pulled
             CROSS JOIN LATERAL (
                 SELECT post_id, author_id, text, created_at, expires_at
                 FROM home_feed_post
                 WHERE author_id = pulled.author_id AND NOT deleted
                   AND (created_at, post_id) < (:created, :post)
                   AND (expires_at IS NULL OR expires_at > :now)
                 ORDER BY created_at DESC, post_id DESC
                 LIMIT :limit) p)
            ORDER BY created_at DESC, post_id DESC
            LIMIT :limit""";

    private static final Instant END_OF_TIME = Instant.parse("9999-12-31T00:00:00Z");
    private static final String SOURCE_PAGE_SQL = SourceTruth.feedPage();

    private final JdbcClient jdbc;
    private final ProjectionMonitor projections;
    private final ReadYourWrites readYourWrites;
    private final Clock clock;

    HomeFeedReads(JdbcClient jdbc, ProjectionMonitor projections, ReadYourWrites readYourWrites, Clock clock) {
        this.jdbc = jdbc;
        this.projections = projections;
        this.readYourWrites = readYourWrites;
        this.clock = clock;
    }

    /**
     * A read that meets a generation switch between its views can lose a deadlock against it; the switch has
     * committed by then, so the read is simply asked again.
     */
    public HomeFeedPage page(long viewerId, int limit, FeedPosition after) {
        try {
            return pageOnce(viewerId, limit, after);
        } catch (PessimisticLockingFailureException lostToASwitch) {
            return pageOnce(viewerId, limit, after);
        }
    }

    /**
     * A page that reflects every event up to {@code minPosition} (a writer's {@code Feed-Position}): from the
     * projection once it has passed that position, waiting for it at most {@code feed.read-your-writes.max-wait},
     * else from source truth, which the commands write in their own transactions, so the page is exact either way.
     */
    public HomeFeedPage page(long viewerId, int limit, FeedPosition after, long minPosition) {
        if (readYourWrites.awaitPassed(ProjectionNames.HOME_FEED, minPosition)) {
            return page(viewerId, limit, after);
        }
        return sourcePage(viewerId, limit, after);
    }

    private HomeFeedPage pageOnce(long viewerId, int limit, FeedPosition after) {
        // Fetch one row more than asked to know whether another page follows.
        List<FeedEntry> rows = jdbc.sql(PAGE_SQL)
                .param("viewer", viewerId)
                .param("created", SqlArrays.ts(after == null ? END_OF_TIME : after.createdAt()))
                .param("post", after == null ? Long.MAX_VALUE : after.postId())
                .param("now", SqlArrays.ts(clock.instant()))
                .param("limit", limit + 1)
                .query(HomeFeedReads::entry)
                .list();
        return pageOf(rows, limit, projections.freshness(ProjectionNames.HOME_FEED), ServedFrom.PROJECTION);
    }

    /** The page as source truth has it now: current, so its freshness shows no lag. */
    HomeFeedPage sourcePage(long viewerId, int limit, FeedPosition after) {
        Instant now = clock.instant();
        List<FeedEntry> rows = jdbc.sql(SOURCE_PAGE_SQL)
                .param("viewer", viewerId)
                .param("created", SqlArrays.ts(after == null ? END_OF_TIME : after.createdAt()))
                .param("post", after == null ? Long.MAX_VALUE : after.postId())
                .param("now", SqlArrays.ts(now))
                .param("limit", limit + 1)
                .query(HomeFeedReads::entry)
                .list();
        return pageOf(rows, limit, new Freshness(now, 0, 0, false), ServedFrom.SOURCE);
    }

    private static HomeFeedPage pageOf(List<FeedEntry> rows, int limit, Freshness freshness, ServedFrom servedFrom) {
        if (rows.size() <= limit) {
            return new HomeFeedPage(rows, null, freshness, servedFrom);
        }
        List<FeedEntry> page = rows.subList(0, limit);
        FeedEntry last = page.get(limit - 1);
        return new HomeFeedPage(List.copyOf(page), new FeedPosition(last.createdAt(), last.postId()), freshness, servedFrom);
    }

    private static FeedEntry entry(ResultSet rs, int row) throws SQLException {
        return new FeedEntry(rs.getLong(1), rs.getLong(2), rs.getString(3), instant(rs, 4), instant(rs, 5));
    }

    static Instant instant(ResultSet rs, int column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
