package dev.homefeed.query.ops.lifecycle;

import java.time.Instant;
import java.util.List;
import java.util.OptionalLong;

import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Reads processors' positions straight from {@code token_entry} and the event store, without claiming anything:
 * the same answer on every instance and right after a restart, unlike a processor's local processing status.
 */
@Component
public class TokenPositions {

    /** One segment's token: its position, and the position a replay must reach (null when not replaying). */
    public record Segment(int segment, long position, Long resetPosition) {
        public boolean replaying() {
            return resetPosition != null && position < resetPosition;
        }
    }

    private final JdbcClient jdbc;
    private final Serializer serializer;

    TokenPositions(JdbcClient jdbc, @Qualifier("serializer") Serializer serializer) {
        this.jdbc = jdbc;
        this.serializer = serializer;
    }

    public List<Segment> segments(String processor) {
        return jdbc.sql("SELECT segment, token, token_type FROM token_entry WHERE processor_name = :name ORDER BY segment")
                .param("name", processor)
                .query((rs, i) -> segment(rs.getInt(1), rs.getBytes(2), rs.getString(3)))
                .list();
    }

    public long head() {
        return jdbc.sql("SELECT coalesce(max(global_index), 0) FROM domain_event_entry").query(Long.class).single();
    }

    /** The timestamp of the event at a global index, or of the first one after it when that index is a gap. */
    Instant timestampAtOrAfter(long globalIndex) {
        return jdbc.sql("""
                SELECT time_stamp FROM domain_event_entry WHERE global_index >= :index
                ORDER BY global_index LIMIT 1""")
                .param("index", globalIndex)
                .query(String.class).optional().map(Instant::parse).orElse(null);
    }

    /** The timestamp of the event at a global index or the last one before it. */
    Instant timestampAtOrBefore(long globalIndex) {
        return jdbc.sql("""
                SELECT time_stamp FROM domain_event_entry WHERE global_index <= :index
                ORDER BY global_index DESC LIMIT 1""")
                .param("index", globalIndex)
                .query(String.class).optional().map(Instant::parse).orElse(null);
    }

    private Segment segment(int segment, byte[] bytes, String type) {
        if (bytes == null || type == null) {
            return new Segment(segment, 0, null);
        }
        TrackingToken token = serializer.deserialize(new SimpleSerializedObject<>(bytes, byte[].class, type, null));
        long position = positionOf(token);
        if (token instanceof ReplayToken replay) {
            OptionalLong reset = replay.getTokenAtReset() == null ? OptionalLong.empty() : replay.getTokenAtReset().position();
            return new Segment(segment, position, reset.isPresent() ? reset.getAsLong() : null);
        }
        return new Segment(segment, position, null);
    }

    private static long positionOf(TrackingToken token) {
        return token == null ? 0 : token.position().orElse(0);
    }
}
