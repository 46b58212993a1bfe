package dev.homefeed.projection.api;

import java.time.Instant;
import java.util.List;

/**
 * A live instance of the service on this database and the projection segments it owns.
 *
 * @param self whether it is the instance answering
 */
public record InstanceStatus(String id, int nodeId, Instant startedAt, Instant lastSeen, boolean self,
                             List<OwnedSegment> segments) {

    public record OwnedSegment(String projection, int segment) {
    }
}
