package bench.phases;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;

import bench.figures.WindowReplay;
import bench.harness.Http;
import bench.harness.Require;
import bench.load.Load;
import bench.load.Writes;

/**
 * 16. The cost of a replay with a window of 50 rows against the same replay without a window, on a store of ten
 * times the first replay's events: posts by the regular authors bring it there, then the service is restarted with
 * {@code FEED_HOME_FEED_WINDOW=50} and replays, then restarted with a window no feed reaches and replays again. Each is
 * timed from the replay's request until the projection is back at the head and every reader's window is written
 * (the keeper writes them after the replay); the rows are {@code user_feed}'s then. Last, because it restarts the
 * service: the figures of every phase before are taken from the first process.
 */
final class WindowReplayPhase implements Phase {

    static final int WINDOW = 50;
    static final int MULTIPLE = 10;
    private static final int NO_WINDOW = 1_000_000_000;

    @Override
    public String name() {
        return "replay with a window";
    }

    @Override
    public void run(BenchContext ctx) throws Exception {
        Http http = ctx.http();
        long target = MULTIPLE * ctx.figures().replays().first().events();
        long posts = Math.max(0, target - ctx.homeFeed().headPosition());
        ctx.timeline().phase("store to " + MULTIPLE + "x the first replay's events: " + posts + " posts");
        int users = ctx.graph().users;
        Load.Result published = Writes.publish("posts to " + MULTIPLE + "x", List.of(http), ctx.options().concurrency(), posts,
                seq -> 1 + seq % users);
        Require.that(published.errors() == 0, "publish errors: " + published.firstError());
        ctx.awaitCaughtUp();
        long events = ctx.homeFeed().headPosition();

        ctx.timeline().phase("replay with a window of " + WINDOW);
        ctx.service().restart("window-" + WINDOW, Map.of("FEED_HOME_FEED_WINDOW", Integer.toString(WINDOW)));
        Measured windowed = replayUntilWindowsWritten(ctx);
        ctx.timeline().phase("replay without a window");
        ctx.service().restart("no-window", Map.of("FEED_HOME_FEED_WINDOW", Integer.toString(NO_WINDOW)));
        Measured unbounded = replayUntilWindowsWritten(ctx);
        ctx.figures().add(new WindowReplay(WINDOW, events, windowed.seconds, windowed.rows, windowed.readers,
                unbounded.seconds, unbounded.rows));
    }

    private record Measured(double seconds, long rows, long readers) {
    }

    private static Measured replayUntilWindowsWritten(BenchContext ctx) throws Exception {
        Http http = ctx.http();
        // The restarted processor first: a pause while it still launches its workers left one segment unclaimed.
        ctx.awaitCaughtUp();
        long head = ctx.homeFeed().headPosition();
        long t0 = System.nanoTime();
        Http.Resp r = http.post("/admin/projections/home-feed/replay", http.adminAuth(), null);
        Require.that(r.status() == 202, "replay: " + r.status() + " " + r.body());
        try (Connection c = ctx.service().connect(); Statement s = c.createStatement()) {
            while (true) {
                Map<String, Object> p = ctx.homeFeed().view();
                boolean caughtUp = "RUNNING".equals(p.get("state")) && p.get("replayProgress") == null
                        && ((Number) p.get("lagEvents")).longValue() == 0 && ((Number) p.get("position")).longValue() >= head;
                if (caughtUp && count(s, "SELECT count(*) FROM home_feed_viewer WHERE floor_at = 'infinity'") == 0) {
                    break;
                }
                Require.that(!"ERROR".equals(p.get("state")), "replay failed: " + p);
                Require.that((System.nanoTime() - t0) / 1e9 < 3600, "replay did not finish in an hour: " + p);
                Thread.sleep(50);
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            long rows = count(s, "SELECT count(*) FROM user_feed");
            long readers = count(s, "SELECT count(*) FROM home_feed_viewer");
            System.out.printf("  replay of %d events until %d windows were written: %.2f s, user_feed %d rows%n", head, readers, seconds, rows);
            return new Measured(seconds, rows, readers);
        }
    }

    private static long count(Statement s, String sql) throws Exception {
        try (ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
