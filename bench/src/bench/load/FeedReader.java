package bench.load;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.LongSupplier;

import bench.harness.Http;

/**
 * Closed-loop feed reads over HTTP: up to {@code pagesPerViewer} pages of one viewer's feed, following nextCursor, then
 * another viewer. The same walk as the raw keyset reader's, so both sides of the read ratio read the same pages.
 */
public final class FeedReader implements Load.Worker {

    private final Http via;
    private final LongSupplier nextViewer;
    private final int limit;
    private final int pagesPerViewer;
    private long viewer;
    private String cursor;
    private int pages;

    private FeedReader(Http via, LongSupplier nextViewer, int limit, int pagesPerViewer) {
        this.via = via;
        this.nextViewer = nextViewer;
        this.limit = limit;
        this.pagesPerViewer = pagesPerViewer;
    }

    /** Viewers drawn uniformly from the regular users {@code 1..users}. */
    public static Load.WorkerFactory random(Http via, int users, int limit, int pagesPerViewer) {
        return index -> new FeedReader(via, () -> 1 + ThreadLocalRandom.current().nextInt(users), limit, pagesPerViewer);
    }

    /** Viewers drawn uniformly from the given ones. */
    public static Load.WorkerFactory among(Http via, long[] viewers, int limit, int pagesPerViewer) {
        return index -> new FeedReader(via, () -> viewers[ThreadLocalRandom.current().nextInt(viewers.length)], limit, pagesPerViewer);
    }

    @Override
    public long run(long seq) throws Exception {
        if (pages == 0) viewer = nextViewer.getAsLong();
        String path = "/api/v1/feed?limit=" + limit + (cursor == null ? "" : "&cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8));
        Http.Resp r = via.get(path, via.auth(viewer));
        if (r.status() != 200) {
            nextViewer();
            throw new IllegalStateException("feed: " + r.status() + " " + r.body());
        }
        cursor = nextCursor(r.body());
        if (cursor == null || ++pages >= pagesPerViewer) nextViewer();
        return 1;
    }

    private void nextViewer() {
        pages = 0;
        cursor = null;
    }

    /** One first page of the viewer's feed, which makes them a reader with a window. */
    public static long firstPage(Http via, long viewer) throws Exception {
        Http.Resp r = via.get("/api/v1/feed?limit=20", via.auth(viewer));
        if (r.status() != 200) throw new IllegalStateException("feed: " + r.status() + " " + r.body());
        return 1;
    }

    /** nextCursor without parsing the whole page (cursors are base64url and dots, never escaped). */
    public static String nextCursor(String body) {
        int i = body.lastIndexOf("\"nextCursor\":");
        if (i < 0) return null;
        i += "\"nextCursor\":".length();
        while (body.charAt(i) == ' ') i++;
        if (body.charAt(i) != '"') return null;
        return body.substring(i + 1, body.indexOf('"', i + 1));
    }
}
