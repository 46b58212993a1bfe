package dev.homefeed.projection.rebuild;

import java.time.Clock;
import java.time.Duration;

import dev.homefeed.projection.api.RebuildState;
import dev.homefeed.projection.api.RebuildStatus;
import dev.homefeed.projection.lifecycle.TokenPositions;
import dev.homefeed.projection.rebuild.RebuildRecords.Rebuild;
import org.springframework.stereotype.Component;

/** A rebuild as operators see it: its record, and while building, its progress from the token store. */
@Component
class RebuildProgress {

    private final RebuildProcessors processors;
    private final TokenPositions tokens;
    private final Clock clock;

    RebuildProgress(RebuildProcessors processors, TokenPositions tokens, Clock clock) {
        this.processors = processors;
        this.tokens = tokens;
        this.clock = clock;
    }

    RebuildStatus of(Rebuild r) {
        double progress = 1.0;
        Double rate = null;
        Long secondsLeft = null;
        if (r.state() == RebuildState.BUILDING) {
            long head = tokens.head();
            long position = processors.livePosition(r.projection());
            progress = head == 0 ? 1.0 : Math.min(1.0, (double) position / head);
            double seconds = Math.max(0.001, Duration.between(r.startedAt(), clock.instant()).toMillis() / 1000.0);
            rate = Math.round(position / seconds * 10) / 10.0;
            secondsLeft = rate <= 0 ? null : Math.round(Math.max(0, head - position) / rate);
        } else if (r.state() == RebuildState.FAILED || r.state() == RebuildState.ABANDONED) {
            progress = r.caughtUpAt() == null ? 0.0 : 1.0;
        }
        return new RebuildStatus(r.id(), r.projection(), r.generation(), r.servingGeneration(), r.state(), r.cutover(),
                r.startedAt(), r.caughtUpAt(), r.switchedAt(), progress, rate, secondsLeft, r.comparison(), r.error());
    }
}
