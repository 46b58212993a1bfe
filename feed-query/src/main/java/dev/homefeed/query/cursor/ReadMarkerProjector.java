package dev.homefeed.query.cursor;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import dev.homefeed.command.api.marker.ReadMarkerMovedEvent;
import dev.homefeed.query.ops.SavepointPerEvent;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Projects read markers into {@code feed_cursor}. Every value comes from the event, never the database's clock, and
 * a row only moves forward, so a redelivery or a replay leaves exactly the rows live processing wrote.
 */
@Component
@SavepointPerEvent
@ProcessingGroup(ReadMarkerProjector.GROUP)
class ReadMarkerProjector {

    static final String GROUP = "read-marker";

    private final JdbcClient jdbc;

    ReadMarkerProjector(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(ReadMarkerMovedEvent e) {
        jdbc.sql("""
                INSERT INTO feed_cursor (viewer_id, last_seen_post_id, last_seen_at, updated_at)
                VALUES (:viewer, :post, :seenAt, :movedAt)
                ON CONFLICT (viewer_id) DO UPDATE
                SET last_seen_post_id = excluded.last_seen_post_id,
                    last_seen_at = excluded.last_seen_at,
                    updated_at = excluded.updated_at
                WHERE coalesce(feed_cursor.last_seen_post_id, 0) < excluded.last_seen_post_id""")
                .param("viewer", e.viewerId().value())
                .param("post", e.lastSeenPostId().value())
                .param("seenAt", ts(e.lastSeenAt()))
                .param("movedAt", ts(e.movedAt()))
                .update();
    }

    @ResetHandler
    void reset() {
        jdbc.sql("TRUNCATE feed_cursor").update();
    }

    /** timestamptz parameters as OffsetDateTime: independent of the JVM's time zone. */
    private static OffsetDateTime ts(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
