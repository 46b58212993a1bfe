package dev.homefeed.api.admin;

import java.util.List;

import dev.homefeed.api.wire.Timestamps;
import dev.homefeed.projection.api.ProjectionStatus;
import dev.homefeed.projection.api.ReplayFigures;
import dev.homefeed.projection.api.SegmentStatus;
import dev.homefeed.projection.ProjectionOperations;

/**
 * A projection on the wire, as the contract's Administration, rebuild and several-instances sections define it, plus
 * the replay's rate and ETA.
 */
record ProjectionView(String name, String state, long position, long headPosition, long lagEvents, long lagMillis,
                      String projectedThrough, Double replayProgress, String error, long deadLetters,
                      Double replayEventsPerSecond, Long replaySecondsLeft, int generation, RunningRebuild rebuild,
                      List<SegmentStatus> segments) {

    /** The running rebuild in short; the whole of it is at {@code /rebuild}. */
    record RunningRebuild(String id, String state, double progress) {
    }

    static ProjectionView of(ProjectionOperations projections, ProjectionStatus s) {
        ReplayFigures figures = projections.replayFigures(s.name()).orElse(null);
        RunningRebuild rebuild = projections.latestRebuild(s.name()).filter(r -> r.state().running())
                .map(r -> new RunningRebuild(Long.toString(r.id()), r.state().name(), r.progress())).orElse(null);
        return new ProjectionView(s.name(), s.state().name(), s.position(), s.headPosition(), s.lagEvents(),
                s.lagMillis(), Timestamps.format(s.projectedThrough()), s.replayProgress(), s.error(), s.deadLetters(),
                figures == null || !s.replaying() ? null : Math.round(figures.eventsPerSecond() * 10) / 10.0,
                figures == null || figures.remaining() == null || !s.replaying() ? null : figures.remaining().toSeconds(),
                projections.servingGeneration(s.name()), rebuild, projections.segments(s.name()));
    }
}
