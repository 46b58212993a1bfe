package dev.homefeed.query.cursor;

import static java.util.stream.Collectors.toMap;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.function.BinaryOperator;

import dev.homefeed.command.api.erasure.UserErasedEvent;
import dev.homefeed.command.api.marker.ReadMarkerMovedEvent;
import dev.homefeed.projection.batching.EventBatches;
import dev.homefeed.projection.generation.GenerationSql;
import dev.homefeed.projection.generation.ProjectionGenerations;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.SqlArrayValue;

/**
 * Projects read markers into {@code feed_cursor}. Every value comes from the event, never the database's clock, and
 * a row only moves forward, so a redelivery or a replay leaves exactly the rows live processing wrote. A processor
 * batch's moves are written in one statement ({@link EventBatches}).
 */
class ReadMarkerProjector {

    private final String processingGroup;
    private final JdbcClient jdbc;
    private final EventBatches batches;
    private final ProjectionGenerations generations;
    /** A batch's events: {@link ReadMarkerMovedEvent}s and {@link UserErasedEvent}s, in order. */
    private final EventBatches.Writer<Object> writer = this::write;

    /** One per processing group: the serving processor's and its rebuild twin's ({@link ReadMarkerProjection}). */
    ReadMarkerProjector(String processingGroup, JdbcClient jdbc, EventBatches batches, ProjectionGenerations generations) {
        this.processingGroup = processingGroup;
        this.jdbc = jdbc;
        this.batches = batches;
        this.generations = generations;
    }

    String processingGroup() {
        return processingGroup;
    }

    @EventHandler
    void on(ReadMarkerMovedEvent e) {
        batches.add(processingGroup, writer, e);
    }

    /** An erased user's read marker goes; their marker's events remain, without personal data. */
    @EventHandler
    void on(UserErasedEvent e) {
        batches.add(processingGroup, writer, e);
    }

    private void write(List<Object> events) {
        for (String schema : generations.writtenBy(processingGroup)) {
            List<ReadMarkerMovedEvent> moves = new ArrayList<>();
            for (Object event : events) {
                if (event instanceof ReadMarkerMovedEvent move) {
                    moves.add(move);
                } else if (event instanceof UserErasedEvent erased) {
                    write(schema, moves);
                    moves.clear();
                    jdbc.sql(GenerationSql.in(schema, "DELETE FROM {g}.feed_cursor WHERE viewer_id = :viewer"))
                            .param("viewer", erased.userId().value()).update();
                }
            }
            write(schema, moves);
        }
    }

    /**
     * Instants go in as RFC 3339 text and are cast in SQL, so the JVM's time zone plays no part. An erased viewer's
     * move (one that raced the erasure, or any in a replay) writes nothing.
     */
    private void write(String schema, List<ReadMarkerMovedEvent> moves) {
        if (moves.isEmpty()) {
            return;
        }
        // A statement can change a row once; the furthest move per viewer is the one that counts.
        BinaryOperator<ReadMarkerMovedEvent> furthest =
                (a, b) -> b.lastSeenPostId().value() > a.lastSeenPostId().value() ? b : a;
        List<ReadMarkerMovedEvent> latest = new ArrayList<>(moves.stream()
                .collect(toMap(m -> m.viewerId().value(), m -> m, furthest, LinkedHashMap::new)).values());
        jdbc.sql(GenerationSql.in(schema, """
                INSERT INTO {g}.feed_cursor (viewer_id, last_seen_post_id, last_seen_at, updated_at)
                SELECT viewer_id, post_id, seen_at::timestamptz, moved_at::timestamptz
                FROM unnest(:viewers, :posts, :seenAt, :movedAt) AS t(viewer_id, post_id, seen_at, moved_at)
                WHERE NOT EXISTS (SELECT 1 FROM user_erasure e WHERE e.user_id = t.viewer_id)
                ON CONFLICT (viewer_id) DO UPDATE
                SET last_seen_post_id = excluded.last_seen_post_id,
                    last_seen_at = excluded.last_seen_at,
                    updated_at = excluded.updated_at
                WHERE coalesce(feed_cursor.last_seen_post_id, 0) < excluded.last_seen_post_id"""))
                .param("viewers", new SqlArrayValue("bigint", latest.stream().map(m -> m.viewerId().value()).toArray()))
                .param("posts", new SqlArrayValue("bigint", latest.stream().map(m -> m.lastSeenPostId().value()).toArray()))
                .param("seenAt", new SqlArrayValue("text", latest.stream().map(m -> m.lastSeenAt().toString()).toArray()))
                .param("movedAt", new SqlArrayValue("text", latest.stream().map(m -> m.movedAt().toString()).toArray()))
                .update();
    }

    @ResetHandler
    void reset() {
        for (String schema : generations.writtenBy(processingGroup)) {
            jdbc.sql(GenerationSql.in(schema, "TRUNCATE {g}.feed_cursor")).update();
        }
    }
}
