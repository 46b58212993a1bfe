package dev.homefeed.projection.api;

import java.util.List;

/**
 * One projection as an operator's page shows it, gathered in one call.
 *
 * @param replay          the rate and time left of a running replay; null when none runs
 * @param runningRebuild  the rebuild under way; null when none runs
 */
public record ProjectionOverview(ProjectionStatus status, ReplayFigures replay, int servingGeneration,
                                 RebuildStatus runningRebuild, List<SegmentStatus> segments) {
}
