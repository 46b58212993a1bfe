package dev.homefeed.api.admin;

import dev.homefeed.api.wire.Timestamps;
import dev.homefeed.query.api.ProjectionStatus;
import dev.homefeed.query.api.ReplayFigures;

/** A projection on the wire, as the contract's Administration section defines it, plus the replay's rate and ETA. */
record ProjectionView(String name, String state, long position, long headPosition, long lagEvents, long lagMillis,
                      String projectedThrough, Double replayProgress, String error, long deadLetters,
                      Double replayEventsPerSecond, Long replaySecondsLeft) {

    static ProjectionView of(ProjectionStatus s, ReplayFigures figures) {
        return new ProjectionView(s.name(), s.state().name(), s.position(), s.headPosition(), s.lagEvents(),
                s.lagMillis(), Timestamps.format(s.projectedThrough()), s.replayProgress(), s.error(), s.deadLetters(),
                figures == null || !s.replaying() ? null : Math.round(figures.eventsPerSecond() * 10) / 10.0,
                figures == null || figures.remaining() == null || !s.replaying() ? null : figures.remaining().toSeconds());
    }
}
