package dev.homefeed.command.post;

import java.util.HashMap;
import java.util.Map;

/** The lease store without a database; counts writes so tests can see the lease at work. */
class InMemoryPostIdReservations implements PostIdReservations {

    private final Map<Integer, Long> bounds = new HashMap<>();
    int writes;
    boolean failWrites;

    @Override
    public synchronized long reservedUntil(int nodeId) {
        return bounds.getOrDefault(nodeId, 0L);
    }

    @Override
    public synchronized void reserveUntil(int nodeId, long untilMillis) {
        if (failWrites) {
            throw new IllegalStateException("database unavailable");
        }
        writes++;
        bounds.merge(nodeId, untilMillis, Math::max);
    }
}
