package dev.homefeed.query.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import dev.homefeed.command.api.UserId;
import dev.homefeed.projection.ProjectionOperations;
import dev.homefeed.projection.api.ProjectionState;
import dev.homefeed.projection.api.ProjectionStatus;
import dev.homefeed.projection.api.RebuildState;
import dev.homefeed.projection.api.RebuildStatus;
import dev.homefeed.projection.rebuild.Rebuilds;
import dev.homefeed.query.homefeed.HomeFeedReads;
import org.awaitility.core.ConditionTimeoutException;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.WrappedToken;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Waiting for the asynchronous side, the same way in every projection IT. "Caught up" is exact: the projection is
 * running, not replaying, and every segment of its processor is past the head as it stood when the wait began,
 * with no gap left behind that has since been filled (a transaction that committed late with a lower global index),
 * which the status's {@code lagEvents} alone cannot tell. Tokens are read from {@code token_entry} without claiming
 * anything.
 */
public class Awaits {

    public static final Duration PATIENCE = Duration.ofSeconds(60);

    private final JdbcClient jdbc;
    private final Serializer serializer;
    private final ProjectionOperations projections;
    private final Rebuilds rebuilds;
    private final HomeFeedReads feeds;

    Awaits(JdbcClient jdbc, @Qualifier("serializer") Serializer serializer, ProjectionOperations projections, Rebuilds rebuilds,
           HomeFeedReads feeds) {
        this.feeds = feeds;
        this.jdbc = jdbc;
        this.serializer = serializer;
        this.projections = projections;
        this.rebuilds = rebuilds;
    }

    /** Waits until the projection runs and has applied every event stored so far. */
    public void awaitCaughtUp(String projection) {
        long head = head();
        AtomicReference<ProjectionStatus> last = new AtomicReference<>();
        try {
            await().atMost(PATIENCE).pollInterval(Duration.ofMillis(20)).until(() -> {
                last.set(projections.status(projection).orElseThrow());
                return last.get().state() == ProjectionState.RUNNING && appliedThrough(projection, head);
            });
        } catch (ConditionTimeoutException e) {
            throw new AssertionError(projection + " did not catch up with event " + head + ": " + last.get(), e);
        }
    }

    /**
     * Reads each viewer's feed, which makes them active, until each has a materialized window (the window keeper
     * writes it in the background after a read that found none), so their rows are in {@code user_feed}.
     */
    public void awaitWindows(Collection<UserId> viewers) {
        List<Long> ids = viewers.stream().map(UserId::value).toList();
        await("windows of " + ids).atMost(PATIENCE).pollInterval(Duration.ofMillis(100)).until(() -> {
            ids.forEach(viewer -> feeds.page(viewer, 1, null));
            return jdbc.sql("SELECT count(*) FROM home_feed_viewer WHERE viewer_id IN (:viewers) AND floor_at <> 'infinity'")
                    .param("viewers", ids).query(Long.class).single() == ids.size();
        });
    }

    /** Replays the projection in place and waits until the replay has caught up. */
    public void replayAndAwait(String projection) {
        projections.replay(projection);
        awaitCaughtUp(projection);
    }

    /** Waits until the projection's latest rebuild is in {@code state}; answers it as it stood then. */
    public RebuildStatus awaitRebuild(String projection, RebuildState state) {
        AtomicReference<RebuildStatus> last = new AtomicReference<>();
        await(projection + " rebuild " + state).atMost(PATIENCE).untilAsserted(() -> {
            last.set(rebuilds.latest(projection).orElseThrow());
            assertThat(last.get().state()).as(last.get().toString()).isEqualTo(state);
        });
        return last.get();
    }

    private long head() {
        return jdbc.sql("SELECT coalesce(max(global_index), 0) FROM domain_event_entry").query(Long.class).single();
    }

    private boolean appliedThrough(String processor, long globalIndex) {
        if (globalIndex == 0) {
            return true;
        }
        List<Optional<GapAwareTrackingToken>> tokens = tokens(processor);
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
    private List<Optional<GapAwareTrackingToken>> tokens(String processor) {
        return jdbc.sql("SELECT token, token_type FROM token_entry WHERE processor_name = :name ORDER BY segment")
                .param("name", processor)
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
