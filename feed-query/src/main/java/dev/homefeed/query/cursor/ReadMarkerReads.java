package dev.homefeed.query.cursor;

import java.time.OffsetDateTime;
import java.util.Optional;

import dev.homefeed.query.ReadYourWrites;
import dev.homefeed.query.api.FeedCursorView;
import dev.homefeed.query.api.ProjectionNames;
import dev.homefeed.query.replica.ReadReplicas;
import org.springframework.stereotype.Component;

/**
 * The read marker's front door for readers: a viewer's marker from the projection; it may lag the marker's last move
 * by the projection's lag.
 */
@Component
public class ReadMarkerReads {

    private final ReadReplicas replicas;
    private final ReadYourWrites readYourWrites;

    ReadMarkerReads(ReadReplicas replicas, ReadYourWrites readYourWrites) {
        this.replicas = replicas;
        this.readYourWrites = readYourWrites;
    }

    /**
     * Whether the projection has handled the event at {@code position} (a writer's {@code Feed-Min-Position}),
     * waiting at most {@code feed.read-your-writes.max-wait}; if not, the marker is the aggregate's to answer.
     */
    public boolean awaitPassed(long position) {
        return readYourWrites.awaitPassed(ProjectionNames.READ_MARKER, position);
    }

    /** Empty if the viewer never set a marker, or its first move is not projected yet. */
    public Optional<FeedCursorView> find(long viewerId) {
        return find(viewerId, 0);
    }

    /**
     * Empty if the viewer never set a marker, or its first move is not projected yet. Read on a read replica when one
     * serves; with a {@code minPosition} above 0, only on one whose copy has handled it (the caller has waited for the
     * primary's).
     */
    public Optional<FeedCursorView> find(long viewerId, long minPosition) {
        return replicas.read(ProjectionNames.READ_MARKER, minPosition, target -> target.jdbc().sql("""
                SELECT last_seen_post_id, last_seen_at, updated_at FROM feed_cursor
                WHERE viewer_id = :viewer AND last_seen_post_id IS NOT NULL AND last_seen_at IS NOT NULL""")
                .param("viewer", viewerId)
                .query((rs, i) -> new FeedCursorView(rs.getLong(1),
                        rs.getObject(2, OffsetDateTime.class).toInstant(),
                        rs.getObject(3, OffsetDateTime.class).toInstant()))
                .optional());
    }
}
