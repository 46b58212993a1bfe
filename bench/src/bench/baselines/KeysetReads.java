package bench.baselines;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import bench.harness.Service;
import bench.load.Load;

/** The read baseline: the service's own page query on user_feed, walked page by page as the HTTP reader walks it. */
public final class KeysetReads {

    /** The service's page query (HomeFeedQueries.PAGE_SQL) with positional parameters. */
    static final String PAGE_SQL = """
            SELECT post_id, author_id, post_preview, created_at, expires_at
            FROM user_feed
            WHERE viewer_id = ?
              AND (created_at, post_id) < (?, ?)
              AND (expires_at IS NULL OR expires_at > ?)
            ORDER BY created_at DESC, post_id DESC
            LIMIT ?""";

    private static final OffsetDateTime END_OF_TIME = OffsetDateTime.parse("9999-12-31T00:00:00Z");

    private KeysetReads() {
    }

    /** A reader that reads up to {@code pagesPerViewer} pages of a random viewer's feed, then moves to another viewer. */
    public static Load.WorkerFactory reader(Service db, int users, int limit, int pagesPerViewer) {
        return index -> {
            Connection c = db.connect();
            c.setAutoCommit(true);
            PreparedStatement ps = c.prepareStatement(PAGE_SQL);
            return new Load.Worker() {
                long viewer;
                OffsetDateTime afterCreated;
                long afterPost;
                int pages;

                public long run(long seq) throws Exception {
                    if (afterCreated == null) {
                        viewer = 1 + ThreadLocalRandom.current().nextInt(users);
                        afterCreated = END_OF_TIME;
                        afterPost = Long.MAX_VALUE;
                        pages = 0;
                    }
                    ps.setLong(1, viewer);
                    ps.setObject(2, afterCreated);
                    ps.setLong(3, afterPost);
                    ps.setObject(4, OffsetDateTime.now(ZoneOffset.UTC));
                    ps.setInt(5, limit + 1);
                    int rows = 0;
                    OffsetDateTime lastCreated = null;
                    long lastPost = 0;
                    // The rows are materialized as the service's query materializes them, so both pay for reading them.
                    List<Object[]> page = new ArrayList<>(limit + 1);
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            Object[] row = {rs.getLong(1), rs.getLong(2), rs.getString(3),
                                    rs.getObject(4, OffsetDateTime.class), rs.getObject(5, OffsetDateTime.class)};
                            page.add(row);
                            if (++rows == limit) {
                                lastCreated = (OffsetDateTime) row[3];
                                lastPost = (Long) row[0];
                            }
                        }
                    }
                    pages++;
                    if (rows > limit && pages < pagesPerViewer) {
                        afterCreated = lastCreated;
                        afterPost = lastPost;
                    } else {
                        afterCreated = null;
                    }
                    return 1;
                }

                public void close() throws SQLException {
                    c.close();
                }
            };
        };
    }
}
