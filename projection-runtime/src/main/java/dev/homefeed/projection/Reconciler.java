package dev.homefeed.projection;

import java.util.List;

import dev.homefeed.projection.api.Reconciliation;

/**
 * A projection's check against source truth, owner by owner (a viewer's feed). The runtime waits until the
 * projection has reached the event position it reconciles at, so an event not yet handled is not called missing.
 */
public interface Reconciler {

    /** Checks the owners' rows against source truth as of {@code position}; repairs the differing ones when asked. */
    Reconciliation reconcile(List<Long> owners, boolean repair, long position);

    /** Up to {@code size} owners drawn at random from source truth, without scanning it whole. */
    List<Long> sample(int size);
}
