package dev.homefeed.query.api;

/**
 * A read replica as its last check found it.
 *
 * @param name      host, port and database of its URL: no parameters, so no credentials
 * @param lagMillis how far its replay is behind the primary; -1 when that cannot be told (it is down)
 * @param reads     feed and read-marker reads it served since this instance started
 * @param reason    why it is not serving, or null
 */
public record ReadReplicaStatus(String name, State state, long lagMillis, long reads, String reason) {

    public enum State {
        /** Reads go there. */
        SERVING,
        /** Reachable, but its replay is further behind the primary than {@code feed.read-replicas.max-lag}. */
        LAGGING,
        /** Not reachable, not a standby, or not checked yet. */
        DOWN
    }
}
