package dev.homefeed.query.homefeed;

import static dev.homefeed.query.homefeed.SqlArrays.bigints;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Who reads their feed ({@code feed_viewer_activity}). A read only notes the viewer in memory; a background flush
 * writes the viewers read since the last one, each at most once a {@link #RESOLUTION} per instance, so recording
 * activity costs a read nothing and the table a write per active viewer per minute at most.
 */
@Component
class ViewerActivity {

    static final Duration RESOLUTION = Duration.ofMinutes(1);

    private final JdbcClient jdbc;
    private final Clock clock;
    /** When each viewer was last written from here; viewers read since and not yet written wait in {@link #unwritten}. */
    private final Map<Long, Instant> written = new ConcurrentHashMap<>();
    private final Map<Long, Instant> unwritten = new ConcurrentHashMap<>();

    ViewerActivity(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** A read of the viewer's feed, now. */
    void read(long viewer) {
        Instant now = clock.instant();
        Instant last = written.get(viewer);
        if (last == null || last.isBefore(now.minus(RESOLUTION))) {
            unwritten.putIfAbsent(viewer, now);
        }
    }

    @Scheduled(fixedDelayString = "${feed.home-feed.activity-flush:1s}")
    void flush() {
        if (unwritten.isEmpty()) {
            return;
        }
        List<Long> viewers = new ArrayList<>(unwritten.keySet());
        List<Instant> times = viewers.stream().map(unwritten::get).toList();
        record(viewers, times);
        for (int i = 0; i < viewers.size(); i++) {
            written.put(viewers.get(i), times.get(i));
            unwritten.remove(viewers.get(i), times.get(i));
        }
        Instant forgotten = clock.instant().minus(RESOLUTION);
        written.values().removeIf(at -> at.isBefore(forgotten));
    }

    /** Records reads at the given times; a later read already recorded is kept. */
    void record(List<Long> viewers, List<Instant> times) {
        jdbc.sql("""
                INSERT INTO feed_viewer_activity (viewer_id, last_read_at)
                SELECT viewer_id, max(last_read_at::timestamptz) FROM unnest(:viewers, :times) AS t(viewer_id, last_read_at)
                WHERE NOT EXISTS (SELECT 1 FROM user_erasure e WHERE e.user_id = t.viewer_id)
                GROUP BY viewer_id
                ON CONFLICT (viewer_id) DO UPDATE SET last_read_at = greatest(feed_viewer_activity.last_read_at, excluded.last_read_at)""")
                .param("viewers", bigints(viewers))
                .param("times", SqlArrays.instants(times, t -> t))
                .update();
    }

    /** Viewers who read within {@code inactiveAfter}, counted in the table. */
    long active(Duration inactiveAfter) {
        return jdbc.sql("SELECT count(*) FROM feed_viewer_activity WHERE last_read_at > :cutoff")
                .param("cutoff", SqlArrays.ts(clock.instant().minus(inactiveAfter))).query(Long.class).single();
    }
}
