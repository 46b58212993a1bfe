package dev.homefeed.projection.lifecycle;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import dev.homefeed.projection.api.ProjectionStatus;
import dev.homefeed.projection.api.ReplayFigures;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Replay progress people can watch: a log line at the start, at every 10 % with events per second and an estimate
 * of the time left, and at the end. The same figures are on the admin endpoint.
 */
@Component
public class ReplayProgressLog {

    private static final Logger log = LoggerFactory.getLogger(ReplayProgressLog.class);

    private record Run(Instant startedAt, long startPosition, int loggedDecile, ReplayFigures figures) {
    }

    private final ProjectionMonitor monitor;
    private final Clock clock;
    private final Map<String, Run> runs = new ConcurrentHashMap<>();

    ReplayProgressLog(ProjectionMonitor monitor, Clock clock) {
        this.monitor = monitor;
        this.clock = clock;
    }

    void started(String name) {
        ProjectionStatus status = monitor.status(name).orElseThrow();
        runs.put(name, new Run(clock.instant(), status.position(), 0, null));
        log.info("Replay of {} started: {} events to replay", name, status.headPosition());
    }

    public Optional<ReplayFigures> figures(String name) {
        return Optional.ofNullable(runs.get(name)).map(Run::figures);
    }

    @Scheduled(fixedDelayString = "${feed.projections.replay-log-interval:1s}")
    void report() {
        runs.forEach((name, run) -> monitor.status(name).ifPresent(status -> report(name, run, status)));
    }

    private void report(String name, Run run, ProjectionStatus status) {
        Duration elapsed = Duration.between(run.startedAt(), clock.instant());
        double seconds = Math.max(0.001, elapsed.toMillis() / 1000.0);
        double rate = Math.max(0, status.position() - run.startPosition()) / seconds;
        if (!status.replaying()) {
            runs.remove(name);
            log.info("Replay of {} finished in {} s: {} events, {} events/s", name, String.format("%.1f", seconds),
                    status.position(), Math.round(rate));
            return;
        }
        double progress = status.replayProgress() == null ? 0 : status.replayProgress();
        Duration remaining = rate <= 0 ? null : Duration.ofMillis((long) (status.lagEvents() / rate * 1000));
        int decile = (int) Math.floor(progress * 10);
        runs.put(name, new Run(run.startedAt(), run.startPosition(), Math.max(decile, run.loggedDecile()),
                new ReplayFigures(rate, remaining)));
        if (decile > run.loggedDecile()) {
            log.info("Replay of {}: {} % ({} of {} events), {} events/s, about {} s left", name, decile * 10,
                    status.position(), status.headPosition(), Math.round(rate),
                    remaining == null ? "?" : remaining.toSeconds());
        }
    }
}
