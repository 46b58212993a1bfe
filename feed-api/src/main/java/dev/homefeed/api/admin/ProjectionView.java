package dev.homefeed.api.admin;

import java.util.List;

import dev.homefeed.api.wire.Timestamps;
import dev.homefeed.projection.api.ProjectionOverview;
import dev.homefeed.projection.api.ProjectionStatus;
import dev.homefeed.projection.api.RebuildStatus;
import dev.homefeed.projection.api.ReplayFigures;
import dev.homefeed.projection.api.SegmentStatus;

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

    static ProjectionView of(ProjectionOverview overview) {
        ProjectionStatus s = overview.status();
        ReplayFigures figures = overview.replay();
        RebuildStatus r = overview.runningRebuild();
        RunningRebuild rebuild = r == null ? null : new RunningRebuild(Long.toString(r.id()), r.state().name(), r.progress());
        return new ProjectionView(s.name(), s.state().name(), s.position(), s.headPosition(), s.lagEvents(),
                s.lagMillis(), Timestamps.format(s.projectedThrough()), s.replayProgress(), s.error(), s.deadLetters(),
                figures == null ? null : Math.round(figures.eventsPerSecond() * 10) / 10.0,
                figures == null || figures.remaining() == null ? null : figures.remaining().toSeconds(),
                overview.servingGeneration(), rebuild, overview.segments());
    }
}
