package dev.homefeed.projection.rebuild;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import dev.homefeed.projection.api.RebuildState;
import dev.homefeed.projection.api.RebuildStatus;
import dev.homefeed.projection.lifecycle.TokenPositions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** A rebuild as operators see it: its record, and while building, its progress from the token store. */
@Component
class RebuildProgress {

    private static final Logger log = LoggerFactory.getLogger(RebuildProgress.class);

    private final RebuildProcessors processors;
    private final TokenPositions tokens;
    private final Clock clock;
    private final Map<Long, Integer> loggedDecile = new ConcurrentHashMap<>();
    private final Map<String, RebuildStatus> known = new ConcurrentHashMap<>();
    private final Map<String, Integer> serving = new ConcurrentHashMap<>();

    RebuildProgress(RebuildProcessors processors, TokenPositions tokens, Clock clock) {
        this.processors = processors;
        this.tokens = tokens;
        this.clock = clock;
    }

    /** Logs a building rebuild's progress at every 10 %, from any instance that drives it. */
    void log(Rebuild rebuild, long position, long head) {
        int decile = head == 0 ? 10 : (int) Math.min(10, position * 10 / head);
        Integer logged = loggedDecile.put(rebuild.id(), decile);
        if (logged == null || decile > logged) {
            double seconds = Math.max(0.001, Duration.between(rebuild.startedAt(), clock.instant()).toMillis() / 1000.0);
            double rate = position / seconds;
            log.info("Rebuild {} of {}: {} % ({} of {} events), {} events/s, about {} s left", rebuild.id(),
                    rebuild.projection(), decile * 10, position, head, Math.round(rate),
                    rate <= 0 ? "?" : Math.round((head - position) / rate));
        }
    }

    /**
     * Keeps what the driver's check just read, every instance's, so gauges and the page read a status a check old
     * instead of querying at every scrape. Only a building rebuild costs queries here, for its progress.
     */
    void remember(List<Rebuild> latest, Map<String, Integer> servingGenerations) {
        for (Rebuild rebuild : latest) {
            known.put(rebuild.projection(), of(rebuild));
        }
        serving.putAll(servingGenerations);
    }

    Optional<Integer> knownServingGeneration(String projection) {
        return Optional.ofNullable(serving.get(projection));
    }

    /** The latest rebuild of a projection as of the last check; empty when it was never rebuilt. */
    Optional<RebuildStatus> known(String projection) {
        return Optional.ofNullable(known.get(projection));
    }

    void forget(Rebuild rebuild) {
        loggedDecile.remove(rebuild.id());
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
