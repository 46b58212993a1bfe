package bench.phases;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ThreadLocalRandom;

import bench.figures.BoundedFeeds;
import bench.harness.Http;
import bench.harness.Metrics;
import bench.harness.Options;
import bench.harness.Require;
import bench.load.FeedReader;
import bench.load.Graph;
import bench.load.Load;
import bench.load.Writes;

/**
 * 10. Bounded feeds (the window of 800 rows per reader, source truth below it): page 50 of the long feeds, past the
 * window, against their first page; the first read of returning viewers who follow 300 authors and have no window;
 * fan-out rows per post to an audience of which only half reads, against one that all reads; and the rows
 * {@code user_feed} keeps against the rows an unbounded fan-out would keep for the same follows and posts.
 */
final class BoundedFeedsPhase implements Phase {

    static final int PAGE = 20;
    static final int DEEP_PAGE = 50;
    static final int RETURNING_AUTHORS = 300;
    /** Ids far above every id the graph uses. */
    private static final long RETURNING_BASE = 900_000_000L;
    private static final long AUTHOR_ALL_READ = 910_000_001L;
    private static final long AUTHOR_HALF_READ = 910_000_002L;
    private static final long AUDIENCE_ALL_READ = 920_000_000L;
    private static final long AUDIENCE_HALF_READ = 930_000_000L;

    @Override
    public String name() {
        return "bounded feeds";
    }

    @Override
    public void run(BenchContext ctx) throws Exception {
        Options o = ctx.options();
        Graph graph = ctx.graph();
        Http http = ctx.http();

        ctx.timeline().phase("bounded feeds: page " + DEEP_PAGE + " of the long feeds");
        List<long[]> deep = new ArrayList<>();
        List<String> cursors = new ArrayList<>();
        for (long viewer : graph.longViewers) {
            String cursor = null;
            for (int page = 1; page < DEEP_PAGE; page++) {
                cursor = FeedReader.nextCursor(page(http, viewer, cursor).body());
                if (cursor == null) break;
            }
            if (cursor != null) {
                deep.add(new long[] {viewer});
                cursors.add(cursor);
            }
        }
        Require.that(!deep.isEmpty(), "no long feed reaches page " + DEEP_PAGE);
        long[] deepViewers = deep.stream().mapToLong(v -> v[0]).toArray();
        Load.Result deepReads = Load.closed("page " + DEEP_PAGE + " of long feeds", 4, o.scaleWarmupSeconds(), o.scaleReadSeconds(),
                index -> seq -> {
                    int i = ThreadLocalRandom.current().nextInt(deepViewers.length);
                    return check(page(http, deepViewers[i], cursors.get(i)));
                });
        Load.Result firstReads = Load.closed("first page of long feeds", 4, o.scaleWarmupSeconds(), o.scaleReadSeconds(),
                index -> seq -> check(page(http, deepViewers[ThreadLocalRandom.current().nextInt(deepViewers.length)], null)));

        ctx.timeline().phase("bounded feeds: returning viewers following " + RETURNING_AUTHORS + " authors");
        int returning = o.smokeRun() ? 10 : 100;
        int authors = Math.min(RETURNING_AUTHORS, graph.users);
        Random random = new Random(o.seed());
        long[][] followed = new long[returning][];
        for (int r = 0; r < returning; r++) {
            followed[r] = random.ints(1, graph.users + 1).distinct().limit(authors).asLongStream().toArray();
        }
        Load.Result follows = Load.closedCount("returning viewers' follows", o.concurrency(), (long) returning * authors,
                index -> seq -> Writes.follow(http, RETURNING_BASE + seq / authors, followed[(int) (seq / authors)][(int) (seq % authors)]));
        Require.that(follows.errors() == 0, "follow errors: " + follows.firstError());
        ctx.awaitCaughtUp();
        Load.Result returningReads = Load.closedCount("first read of returning viewers", 1, returning,
                index -> seq -> check(page(http, RETURNING_BASE + seq, null)));

        ctx.timeline().phase("bounded feeds: fan-out to an audience half of which reads");
        int audience = o.smokeRun() ? 40 : 400;
        int posts = o.smokeRun() ? 10 : 50;
        Load.Result audienceFollows = Load.closedCount("audiences' follows", o.concurrency(), 2L * audience, index -> seq -> seq < audience
                ? Writes.follow(http, AUDIENCE_ALL_READ + seq, AUTHOR_ALL_READ)
                : Writes.follow(http, AUDIENCE_HALF_READ + seq - audience, AUTHOR_HALF_READ));
        Require.that(audienceFollows.errors() == 0, "follow errors: " + audienceFollows.firstError());
        // Readers get a window in the background after their first read; the others never read.
        Load.Result audienceReads = Load.closedCount("audiences' first reads", 4, audience + audience / 2, index -> seq -> seq < audience
                ? check(page(http, AUDIENCE_ALL_READ + seq, null))
                : check(page(http, AUDIENCE_HALF_READ + 2 * (seq - audience), null)));
        Require.that(audienceReads.errors() == 0, "read errors: " + audienceReads.firstError());
        Thread.sleep(3_000);
        ctx.awaitCaughtUp();
        double allRead = rowsPerPost(ctx, http, AUTHOR_ALL_READ, posts);
        double halfRead = rowsPerPost(ctx, http, AUTHOR_HALF_READ, posts);

        long stored;
        long unbounded;
        try (Connection c = ctx.service().connect(); Statement s = c.createStatement()) {
            stored = count(s, "SELECT count(*) FROM user_feed");
            // What fan-out without windows keeps: every live post for its author and each follower, but the posts of
            // authors pulled at read time (over the default threshold of 5,000 followers).
            unbounded = count(s, """
                    SELECT (SELECT count(*) FROM post_by_author)
                         + (SELECT count(*) FROM following f JOIN post_by_author p ON p.author_id = f.followee_id
                            WHERE f.followee_id NOT IN (SELECT followee_id FROM following GROUP BY followee_id HAVING count(*) > 5000))""");
        }
        ctx.figures().add(new BoundedFeeds(DEEP_PAGE, PAGE, deepReads, firstReads, authors, returningReads, audience, posts,
                allRead, halfRead, stored, unbounded));
    }

    private static Http.Resp page(Http http, long viewer, String cursor) throws Exception {
        return http.get("/api/v1/feed?limit=" + PAGE + (cursor == null ? "" : "&cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8)),
                http.auth(viewer));
    }

    private static long check(Http.Resp r) {
        if (r.status() != 200) throw new IllegalStateException("feed: " + r.status() + " " + r.body());
        return 1;
    }

    /** Feed rows the service fanned out per post by {@code author}, from its own counter before and after. */
    private static double rowsPerPost(BenchContext ctx, Http http, long author, int posts) throws Exception {
        double before = fanOutRows(http);
        Load.Result published = Writes.publish("posts to an audience", List.of(http), 4, posts, seq -> author);
        Require.that(published.errors() == 0, "publish errors: " + published.firstError());
        ctx.awaitCaughtUp();
        return (fanOutRows(http) - before) / posts;
    }

    private static double fanOutRows(Http http) throws Exception {
        return Metrics.sum(http, "feed_home_feed_fanout_rows_total", "");
    }

    private static long count(Statement s, String sql) throws Exception {
        try (ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
