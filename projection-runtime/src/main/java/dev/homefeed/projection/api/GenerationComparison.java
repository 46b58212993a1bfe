package dev.homefeed.projection.api;

import java.util.List;

/**
 * Two generations compared row by row, every viewer, at one event position.
 *
 * @param sample                up to 20 differing viewers
 * @param supportRowsDiffering rows of the tables behind the feed (posts, followers, authors) found in one generation
 *                             and not in the other (a changed row counts on both sides); 0 for the read marker
 */
public record GenerationComparison(long position, long viewers, long viewersDiffering, long rowsOnlyServing,
                                   long rowsOnlyRebuilt, long rowsChanged, List<ViewerDifference> sample,
                                   long supportRowsDiffering) {

    public record ViewerDifference(String viewerId, long onlyServing, long onlyRebuilt, long changed) {
    }

    public boolean clean() {
        return viewersDiffering == 0 && supportRowsDiffering == 0;
    }
}
