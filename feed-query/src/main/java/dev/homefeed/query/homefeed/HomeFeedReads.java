package dev.homefeed.query.homefeed;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

import dev.homefeed.command.api.SourceTruth;
import dev.homefeed.projection.api.Freshness;
import dev.homefeed.query.ReadYourWrites;
import dev.homefeed.query.api.FeedEntry;
import dev.homefeed.query.api.FeedPosition;
import dev.homefeed.query.api.HomeFeedPage;
import dev.homefeed.query.api.ProjectionNames;
import dev.homefeed.query.api.ServedFrom;
import dev.homefeed.query.replica.ReadReplicas;
import dev.homefeed.query.replica.ReadReplicas.Target;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The home feed's front door for readers. {@code user_feed} keeps a window of each active viewer's feed (every row
 * above the viewer's floor); a page is read from it with keyset pagination, a backward range scan of its primary key
 * {@code (viewer_id, created_at, post_id)}, and where the window ends (past the floor, a viewer without a window, a
 * window waiting to be materialized) the rest of the page comes from source truth under the same keyset, so every
 * depth answers the declarative feed and the cursor format does not change. The stored part is read on a read replica
 * when one serves ({@link ReadReplicas}), source truth always on the primary. Freshness comes from the background
 * refresh of wherever the stored part was read, and activity is noted in memory, so a page inside the window costs
 * one query.
 */
@Component
public class HomeFeedReads {

    /**
     * The stored part of a page, with named parameters {@code viewer}, {@code created}, {@code post}, {@code now} and
     * {@code limit}: the viewer's window rows above their floor (a backward range scan of {@code user_feed}'s primary
     * key), merged under the same keyset with the recent posts of the few followed authors that are pulled at read
     * time (a backward range scan of each one's posts), and on every row the viewer's window: whether it is complete
     * or waiting, and its floor. A last row without a post carries the window when fewer rows came; no row at all
     * means the viewer has no window. Public so that its plan can be checked on real data.
     */
    public static final String PAGE_SQL = """
            WITH w AS (
                     SELECT floor_at, floor_id, floor_at = '-infinity' AS complete, floor_at = 'infinity' AS waiting,
                            CASE WHEN isfinite(floor_at) THEN floor_at END AS finite_floor
                     FROM home_feed_viewer WHERE viewer_id = :viewer),
                 pulled AS (
                     SELECT a.author_id FROM home_feed_author a
                     WHERE a.pulled
                       AND EXISTS (SELECT 1 FROM home_feed_follower f WHERE f.followee_id = a.author_id AND f.follower_id = :viewer))
            (SELECT u.post_id, u.author_id, u.post_preview, u.created_at, u.expires_at, w.complete, w.waiting, w.finite_floor, w.floor_id
             FROM w CROSS JOIN LATERAL (
                 SELECT post_id, author_id, post_preview, created_at, expires_at FROM user_feed
                 WHERE viewer_id = :viewer
                   AND (created_at, post_id) < (:created, :post)
                   AND (created_at, post_id) >= (w.floor_at, w.floor_id)
                   AND (expires_at IS NULL OR expires_at > :now)
                 ORDER BY created_at DESC, post_id DESC
                 LIMIT :limit) u)
            UNION ALL
            (SELECT p.post_id, p.author_id, p.text, p.created_at, p.expires_at, w.complete, w.waiting, w.finite_floor, w.floor_id
             FROM w CROSS JOIN pulled
             CROSS JOIN LATERAL (
                 SELECT post_id, author_id, text, created_at, expires_at
                 FROM home_feed_post
                 WHERE author_id = pulled.author_id AND NOT deleted
                   AND (created_at, post_id) < (:created, :post)
                   AND (created_at, post_id) >= (w.floor_at, w.floor_id)
                   AND (expires_at IS NULL OR expires_at > :now)
                 ORDER BY created_at DESC, post_id DESC
                 LIMIT :limit) p)
            UNION ALL
            (SELECT NULL, NULL, NULL, NULL, NULL, w.complete, w.waiting, w.finite_floor, w.floor_id FROM w)
            ORDER BY created_at DESC NULLS LAST, post_id DESC
            LIMIT :limit + 1""";

    private static final Instant END_OF_TIME = Instant.parse("9999-12-31T00:00:00Z");
    private static final String SOURCE_PAGE_SQL = SourceTruth.feedPage();

    /** What the viewer's window says about the keys below a page's stored rows. */
    private sealed interface Window {
        /** No window, or one waiting to be materialized: nothing is stored, source truth answers all. */
        record None(boolean waiting) implements Window {
        }

        /** The whole feed is stored. */
        record Complete() implements Window {
        }

        /** Every row at or above the floor is stored; below it, source truth answers. */
        record Floor(FeedPosition floor) implements Window {
        }
    }

    /** The stored part of a page, and the freshness of where it was read, taken before the read. */
    private record Stored(List<FeedEntry> rows, Window window, Freshness freshness) {
    }

    private final JdbcClient jdbc;
    private final ReadReplicas replicas;
    private final ReadYourWrites readYourWrites;
    private final ViewerActivity activity;
    private final WindowKeeper keeper;
    private final Clock clock;

    HomeFeedReads(JdbcClient jdbc, ReadReplicas replicas, ReadYourWrites readYourWrites, ViewerActivity activity,
                  WindowKeeper keeper, Clock clock) {
        this.jdbc = jdbc;
        this.replicas = replicas;
        this.readYourWrites = readYourWrites;
        this.activity = activity;
        this.keeper = keeper;
        this.clock = clock;
    }

    /**
     * A page of the viewer's feed; the read makes the viewer active. A read that meets a generation switch between its
     * views can lose a deadlock against it; the switch has committed by then, so the read is simply asked again.
     */
    public HomeFeedPage page(long viewerId, int limit, FeedPosition after) {
        activity.read(viewerId);
        return projected(viewerId, limit, after, 0);
    }

    /** The page from the projection, on a replica that has passed {@code minPosition} when above 0, or the primary. */
    private HomeFeedPage projected(long viewerId, int limit, FeedPosition after, long minPosition) {
        try {
            return pageOnce(viewerId, limit, after, minPosition);
        } catch (PessimisticLockingFailureException lostToASwitch) {
            return pageOnce(viewerId, limit, after, minPosition);
        }
    }

    /**
     * A page that reflects every event up to {@code minPosition} (a writer's {@code Feed-Position}): from the
     * projection once it has passed that position, waiting for it at most {@code feed.read-your-writes.max-wait},
     * else from source truth, which the commands write in their own transactions, so the page is exact either way.
     * A read replica serves it only once its own copy has passed the position too.
     */
    public HomeFeedPage page(long viewerId, int limit, FeedPosition after, long minPosition) {
        activity.read(viewerId);
        if (readYourWrites.awaitPassed(ProjectionNames.HOME_FEED, minPosition)) {
            return projected(viewerId, limit, after, minPosition);
        }
        return sourcePage(viewerId, limit, after);
    }

    private HomeFeedPage pageOnce(long viewerId, int limit, FeedPosition after, long minPosition) {
        // One row more than asked, to know whether another page follows.
        Stored stored = replicas.read(ProjectionNames.HOME_FEED, minPosition,
                target -> stored(target, viewerId, limit + 1, after, clock));
        if (stored.window() instanceof Window.None none) {
            if (!none.waiting()) {
                keeper.request(viewerId);
            }
            return sourcePage(viewerId, limit, after);
        }
        Freshness freshness = stored.freshness();
        if (stored.rows().size() > limit || !(stored.window() instanceof Window.Floor floor)) {
            return pageOf(stored.rows(), limit, freshness, ServedFrom.PROJECTION);
        }
        // The window ends within this page: the rest comes from below the floor (or below the cursor, if lower).
        FeedPosition below = after != null && before(after, floor.floor()) ? after : floor.floor();
        List<FeedEntry> source = source(viewerId, limit + 1 - stored.rows().size(), below);
        if (source.isEmpty()) {
            return pageOf(stored.rows(), limit, freshness, ServedFrom.PROJECTION);
        }
        List<FeedEntry> rows = new ArrayList<>(stored.rows());
        rows.addAll(source);
        return pageOf(rows, limit, freshness, stored.rows().isEmpty() ? ServedFrom.SOURCE : ServedFrom.BOTH);
    }

    private static Stored stored(Target target, long viewerId, int limit, FeedPosition after, Clock clock) {
        Freshness freshness = target.freshness(ProjectionNames.HOME_FEED);
        List<FeedEntry> rows = new ArrayList<>();
        Window[] window = {new Window.None(false)};
        target.jdbc().sql(PAGE_SQL)
                .param("viewer", viewerId)
                .param("created", SqlArrays.ts(after == null ? END_OF_TIME : after.createdAt()))
                .param("post", after == null ? Long.MAX_VALUE : after.postId())
                .param("now", SqlArrays.ts(clock.instant()))
                .param("limit", limit)
                .query(rs -> {
                    window[0] = window(rs);
                    if (rs.getObject(1) != null && rows.size() < limit) {
                        rows.add(entry(rs, 0));
                    }
                });
        return new Stored(rows, window[0], freshness);
    }

    private static Window window(ResultSet rs) throws SQLException {
        if (rs.getBoolean(6)) {
            return new Window.Complete();
        }
        if (rs.getBoolean(7)) {
            return new Window.None(true);
        }
        return new Window.Floor(new FeedPosition(instant(rs, 8), rs.getLong(9)));
    }

    /** The page as source truth has it now: current, so its freshness shows no lag. */
    private HomeFeedPage sourcePage(long viewerId, int limit, FeedPosition after) {
        Instant now = clock.instant();
        return pageOf(source(viewerId, limit + 1, after), limit, new Freshness(now, 0, 0, false), ServedFrom.SOURCE);
    }

    private List<FeedEntry> source(long viewerId, int limit, FeedPosition after) {
        return jdbc.sql(SOURCE_PAGE_SQL)
                .param("viewer", viewerId)
                .param("created", SqlArrays.ts(after == null ? END_OF_TIME : after.createdAt()))
                .param("post", after == null ? Long.MAX_VALUE : after.postId())
                .param("now", SqlArrays.ts(clock.instant()))
                .param("limit", limit)
                .query(HomeFeedReads::entry)
                .list();
    }

    private static boolean before(FeedPosition a, FeedPosition b) {
        int byTime = a.createdAt().compareTo(b.createdAt());
        return byTime < 0 || byTime == 0 && a.postId() < b.postId();
    }

    private static HomeFeedPage pageOf(List<FeedEntry> rows, int limit, Freshness freshness, ServedFrom servedFrom) {
        if (rows.size() <= limit) {
            return new HomeFeedPage(List.copyOf(rows), null, freshness, servedFrom);
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
