package dev.homefeed.query.api;

import java.util.List;

/**
 * Two generations compared row by row, every viewer, at one event position.
 *
 * @param sample up to 20 differing viewers
 */
public record GenerationComparison(long position, long viewers, long viewersDiffering, long rowsOnlyServing,
                                   long rowsOnlyRebuilt, long rowsChanged, List<ViewerDifference> sample) {

    public record ViewerDifference(String viewerId, long onlyServing, long onlyRebuilt, long changed) {
    }

    public boolean clean() {
        return viewersDiffering == 0;
    }
}
