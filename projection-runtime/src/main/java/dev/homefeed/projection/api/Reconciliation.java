package dev.homefeed.projection.api;

import java.util.List;

/**
 * Feeds checked against the feed computed from source truth, at the projection's position.
 *
 * @param viewers only the viewers that differed
 */
public record Reconciliation(long position, int checked, int differing, int repaired, List<ViewerReconciliation> viewers) {

    /** One differing viewer: rows the feed should have, rows it should not, rows whose text or expiry differ. */
    public record ViewerReconciliation(String viewerId, long missing, long extra, long changed, boolean repaired) {
    }
}
