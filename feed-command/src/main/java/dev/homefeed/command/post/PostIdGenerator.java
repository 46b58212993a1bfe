package dev.homefeed.command.post;

import java.time.Clock;
import java.util.function.BooleanSupplier;

import dev.homefeed.command.api.PostId;
import dev.homefeed.membership.Instances;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Issues Snowflake-like post ids (41 bits milliseconds since {@link PostId#EPOCH}, 10 bits node,
 * 12 bits sequence), each larger than every id this node issued before, across restarts and while
 * the wall clock stands still or goes back.
 */
@Component
public class PostIdGenerator {

    static final int MAX_NODE_ID = (1 << 10) - 1;
    static final int MAX_SEQUENCE = (1 << 12) - 1;
    static final long MAX_ELAPSED_MILLIS = (1L << 41) - 1;
    /** One reservation write buys this much id time: about one write per ten seconds under load. */
    static final long LEASE_MILLIS = 10_000;
    private static final long EPOCH_MILLIS = PostId.EPOCH.toEpochMilli();

    private final int nodeId;
    private final BooleanSupplier leased;
    private final PostIdReservations reservations;
    private final Clock clock;

    private boolean started;
    private long lastMillis;
    private long sequence;
    private long reservedUntil;

    /** Issues ids under the node id this instance leased; none once it lost that lease. */
    @Autowired
    public PostIdGenerator(Instances instances, PostIdReservations reservations, Clock clock) {
        this(instances.nodeId(), instances::holdsLease, reservations, clock);
    }

    PostIdGenerator(int nodeId, PostIdReservations reservations, Clock clock) {
        this(nodeId, () -> true, reservations, clock);
    }

    PostIdGenerator(int nodeId, BooleanSupplier leased, PostIdReservations reservations, Clock clock) {
        if (nodeId < 0 || nodeId > MAX_NODE_ID) {
            throw new IllegalArgumentException(
                    "feed.node-id must be between 0 and " + MAX_NODE_ID + ", was " + nodeId);
        }
        this.nodeId = nodeId;
        this.leased = leased;
        this.reservations = reservations;
        this.clock = clock;
    }

    /**
     * The next id; thread-safe. About every ten seconds of id time it first extends this node's
     * reservation in the database, and throws if that write fails rather than risk a repeat later.
     */
    public synchronized PostId next() {
        if (!leased.getAsBoolean()) {
            throw new IllegalStateException("this instance no longer holds the lease on node id " + nodeId);
        }
        if (!started) {
            // Earlier runs issued ids only below their reservation, so continuing from it is safe.
            reservedUntil = reservations.reservedUntil(nodeId);
            lastMillis = reservedUntil;
            sequence = -1;
            started = true;
        }
        // A clock that went back is ignored: time only moves forward here.
        long millis = Math.max(clock.millis(), lastMillis);
        long nextSequence = millis == lastMillis ? sequence + 1 : 0;
        if (nextSequence > MAX_SEQUENCE) {
            millis++;
            nextSequence = 0;
        }
        long elapsed = millis - EPOCH_MILLIS;
        if (elapsed <= 0 || elapsed > MAX_ELAPSED_MILLIS) {
            throw new IllegalStateException("clock is outside the post id range: " + clock.instant());
        }
        if (millis >= reservedUntil) {
            reservations.reserveUntil(nodeId, millis + LEASE_MILLIS);
            reservedUntil = millis + LEASE_MILLIS;
        }
        lastMillis = millis;
        sequence = nextSequence;
        return new PostId(elapsed << PostId.TIMESTAMP_SHIFT | (long) nodeId << 12 | nextSequence);
    }
}
