package dev.homefeed.api.feed;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.WrappedToken;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Where the home-feed processor stands, read from {@code token_entry} without claiming anything. "Caught up" is
 * exact: every segment is past the head and none of them still waits for a gap that has since been filled (a
 * transaction that committed late with a lower global index), which {@code lagEvents} alone cannot tell.
 */
final class FeedProjection {

    static final String GROUP = "home-feed";
    static final Duration CATCH_UP = Duration.ofSeconds(60);

    private final JdbcClient jdbc;
    private final Serializer serializer;

    FeedProjection(JdbcClient jdbc, Serializer serializer) {
        this.jdbc = jdbc;
        this.serializer = serializer;
    }

    long head() {
        return jdbc.sql("SELECT coalesce(max(global_index), 0) FROM domain_event_entry").query(Long.class).single();
    }

    /** Waits until the projection has applied every event stored so far. */
    void awaitCaughtUp() {
        long head = head();
        await().atMost(CATCH_UP).pollInterval(Duration.ofMillis(20)).until(() -> appliedThrough(head));
    }

    boolean appliedThrough(long globalIndex) {
        if (globalIndex == 0) {
            return true;
        }
        List<Optional<GapAwareTrackingToken>> tokens = tokens();
        if (tokens.isEmpty()) {
            return false;
        }
        for (Optional<GapAwareTrackingToken> token : tokens) {
            if (token.isEmpty() || token.get().getIndex() < globalIndex) {
                return false;
            }
            List<Long> gaps = token.get().getGaps().stream().filter(gap -> gap <= globalIndex).toList();
            if (!gaps.isEmpty() && jdbc.sql("SELECT count(*) FROM domain_event_entry WHERE global_index IN (:gaps)")
                    .param("gaps", gaps).query(Long.class).single() > 0) {
                return false;
            }
        }
        return true;
    }

    /** Each segment's position; empty for a segment that has not seen an event yet or is starting a replay. */
    List<Optional<GapAwareTrackingToken>> tokens() {
        return jdbc.sql("SELECT token, token_type FROM token_entry WHERE processor_name = :name ORDER BY segment")
                .param("name", GROUP)
                .query((rs, i) -> position(rs.getBytes(1), rs.getString(2)))
                .list();
    }

    private Optional<GapAwareTrackingToken> position(byte[] token, String type) {
        if (token == null) {
            return Optional.empty();
        }
        TrackingToken stored = serializer.deserialize(new SimpleSerializedObject<>(token, byte[].class, type, null));
        return WrappedToken.unwrap(stored, GapAwareTrackingToken.class);
    }
}
