package dev.homefeed.projection.lifecycle;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.OptionalLong;

import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.axonframework.springboot.TokenStoreProperties;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Reads processors' positions straight from {@code token_entry} and the event store, without claiming anything:
 * the same answer on every instance and right after a restart, unlike a processor's local processing status.
 */
@Component
public class TokenPositions {

    /**
     * One segment's token: its position, the position a replay must reach (null when not replaying), and the instance
     * whose claim on it is alive (null while unclaimed or when the claim has timed out).
     */
    public record Segment(int segment, long position, Long resetPosition, String owner) {
        public boolean replaying() {
            return resetPosition != null && position < resetPosition;
        }
    }

    private final JdbcClient jdbc;
    private final Serializer serializer;

    private final Clock clock;
    private final Duration claimTimeout;

    @Autowired
    TokenPositions(JdbcClient jdbc, @Qualifier("serializer") Serializer serializer, Clock clock, TokenStoreProperties tokenStore) {
        this.jdbc = jdbc;
        this.serializer = serializer;
        this.clock = clock;
        this.claimTimeout = tokenStore.getClaimTimeout();
    }

    /**
     * The same reads on another copy of the database, a read replica's: its tokens and events replicate together, so
     * positions read there describe what that copy holds.
     */
    public TokenPositions on(JdbcClient copy) {
        return new TokenPositions(copy, serializer, clock, claimTimeout);
    }

    private TokenPositions(JdbcClient jdbc, Serializer serializer, Clock clock, Duration claimTimeout) {
        this.jdbc = jdbc;
        this.serializer = serializer;
        this.clock = clock;
        this.claimTimeout = claimTimeout;
    }

    public List<Segment> segments(String processor) {
        return jdbc.sql("SELECT segment, token, token_type, owner, timestamp FROM token_entry WHERE processor_name = :name ORDER BY segment")
                .param("name", processor)
                .query((rs, i) -> segment(rs.getInt(1), rs.getBytes(2), rs.getString(3),
                        liveOwner(rs.getString(4), rs.getString(5))))
                .list();
    }

    /** Whether the processor has segments and each is claimed, by this instance or another. */
    public boolean everySegmentClaimed(String processor) {
        List<Segment> segments = segments(processor);
        return !segments.isEmpty() && segments.stream().allMatch(s -> s.owner() != null);
    }

    /**
     * Whether every segment of the processor has handled the event at {@code globalIndex}: its token is at or past it
     * and does not hold it as a gap (an event committed late, not seen yet). A segment still replaying has not, as its
     * tables are being refilled; nor has a processor without tokens.
     */
    public boolean covers(String processor, long globalIndex) {
        List<TrackingToken> tokens = jdbc.sql("SELECT token, token_type FROM token_entry WHERE processor_name = :name")
                .param("name", processor)
                .query((rs, i) -> token(rs.getBytes(1), rs.getString(2)))
                .list();
        return !tokens.isEmpty() && tokens.stream().allMatch(token -> covers(token, globalIndex));
    }

    private static boolean covers(TrackingToken token, long globalIndex) {
        if (token == null || token instanceof ReplayToken) {
            return false;
        }
        if (token instanceof GapAwareTrackingToken gapAware) {
            return gapAware.getIndex() >= globalIndex && !gapAware.getGaps().contains(globalIndex);
        }
        return positionOf(token) >= globalIndex;
    }

    private TrackingToken token(byte[] bytes, String type) {
        return bytes == null || type == null ? null
                : serializer.deserialize(new SimpleSerializedObject<>(bytes, byte[].class, type, null));
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

    /** A claim counts until it is older than the token store's claim timeout, as Axon's own claim check has it. */
    private String liveOwner(String owner, String claimedAt) {
        if (owner == null || claimedAt == null) {
            return null;
        }
        return Instant.parse(claimedAt).isBefore(clock.instant().minus(claimTimeout)) ? null : owner;
    }

    private Segment segment(int segment, byte[] bytes, String type, String owner) {
        if (bytes == null || type == null) {
            return new Segment(segment, 0, null, owner);
        }
        TrackingToken token = token(bytes, type);
        long position = positionOf(token);
        if (token instanceof ReplayToken replay) {
            OptionalLong reset = replay.getTokenAtReset() == null ? OptionalLong.empty() : replay.getTokenAtReset().position();
            return new Segment(segment, position, reset.isPresent() ? reset.getAsLong() : null, owner);
        }
        return new Segment(segment, position, null, owner);
    }

    private static long positionOf(TrackingToken token) {
        return token == null ? 0 : token.position().orElse(0);
    }
}
