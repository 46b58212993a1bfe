package dev.homefeed.projection.lifecycle;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import dev.homefeed.projection.Projections;
import dev.homefeed.projection.api.Freshness;
import dev.homefeed.projection.api.ProjectionState;
import dev.homefeed.projection.api.ProjectionStatus;
import dev.homefeed.projection.deadletter.DeadLetters;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The status of every projection. Positions come from the token store; only
 * "running" and "error" are this instance's view of its processors. Refreshed in the background so that a feed
 * read costs no extra query for its freshness.
 */
@Component
public class ProjectionMonitor {

    private static final Duration AWAIT_POLL = Duration.ofMillis(10);

    private final TokenPositions tokens;
    private final DeadLetters deadLetters;
    private final EventProcessingConfiguration processing;
    private final Clock clock;
    private final Projections projections;
    private final Map<String, ProjectionStatus> latest = new ConcurrentHashMap<>();
    private final Map<String, Boolean> replayRequested = new ConcurrentHashMap<>();
    private final Map<String, Boolean> stoppedOnRequest = new ConcurrentHashMap<>();

    ProjectionMonitor(TokenPositions tokens, DeadLetters deadLetters, EventProcessingConfiguration processing, Clock clock,
                      Projections projections) {
        this.projections = projections;
        this.tokens = tokens;
        this.deadLetters = deadLetters;
        this.processing = processing;
        this.clock = clock;
    }

    /**
     * Waits until the projection's serving processor has handled the event at {@code globalIndex} (every segment), at
     * most {@code maxWait}, looking at the token store every few milliseconds: for reading one's own writes.
     *
     * @return whether it had, in time
     */
    public boolean awaitPassed(String name, long globalIndex, Duration maxWait) {
        Instant deadline = clock.instant().plus(maxWait);
        while (!tokens.covers(name, globalIndex)) {
            if (!clock.instant().isBefore(deadline)) {
                return false;
            }
            try {
                Thread.sleep(AWAIT_POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }

    public Optional<ProjectionStatus> status(String name) {
        if (!projections.contains(name)) {
            return Optional.empty();
        }
        ProjectionStatus status = compute(name, tokens.head());
        latest.put(name, status);
        return Optional.of(status);
    }

    public List<ProjectionStatus> statuses() {
        long head = tokens.head();
        return projections.names().stream().map(name -> {
            ProjectionStatus status = compute(name, head);
            latest.put(name, status);
            return status;
        }).toList();
    }

    /** The status from the last background refresh, without touching the database. */
    public Optional<ProjectionStatus> latest(String name) {
        return Optional.ofNullable(latest.get(name));
    }

    /** Marks a projection as replaying from the moment a replay is accepted until its tokens say it caught up. */
    void replayAccepted(String name) {
        replayRequested.put(name, true);
    }

    /** An admin request (a replay) stops the processor on purpose; any other stop is an error. */
    void stoppedOnRequest(String name, boolean stopped) {
        if (stopped) {
            stoppedOnRequest.put(name, true);
        } else {
            stoppedOnRequest.remove(name);
        }
    }

    boolean isStoppedOnRequest(String name) {
        return stoppedOnRequest.containsKey(name);
    }

    /** How fresh a read of the projection is, from the last background refresh: a read costs no query for it. */
    public Freshness freshness(String name) {
        ProjectionStatus status = latest.get(name);
        if (status == null) {
            return Freshness.UNKNOWN;
        }
        return new Freshness(status.projectedThrough(), status.lagEvents(), status.lagMillis(), status.replaying());
    }

    /**
     * How fresh a read of the projection from another copy of the database is (a read replica's, through
     * {@code copy}): its own tokens and events, against the newer of the two heads, so a replica behind the primary
     * shows that lag too. An event the copy does not hold yet is timed from the primary.
     */
    public Freshness freshnessOn(TokenPositions copy, String name) {
        List<TokenPositions.Segment> segments = copy.segments(name);
        if (segments.isEmpty()) {
            return Freshness.UNKNOWN;
        }
        ProjectionStatus primary = latest.get(name);
        Positions p = positions(copy, segments, Math.max(copy.head(), primary == null ? 0 : primary.headPosition()));
        return new Freshness(p.projectedThrough(), p.lagEvents(), p.lagMillis(),
                segments.stream().anyMatch(TokenPositions.Segment::replaying));
    }

    /** Where a projection stands in {@code source}'s copy of the store, against {@code head}. */
    private record Positions(long position, long lagEvents, long lagMillis, Instant projectedThrough) {
    }

    /** Read from {@code source}; an event a replica's copy does not hold yet is timed from the primary. */
    private Positions positions(TokenPositions source, List<TokenPositions.Segment> segments, long head) {
        long position = segments.stream().mapToLong(TokenPositions.Segment::position).min().orElse(0);
        long lagEvents = Math.max(0, head - position);
        Instant oldestPending = null;
        if (lagEvents > 0) {
            oldestPending = source.timestampAtOrAfter(position + 1);
            if (oldestPending == null && source != tokens) {
                oldestPending = tokens.timestampAtOrAfter(position + 1);
            }
        }
        long lagMillis = oldestPending == null ? 0 : Math.max(0, Duration.between(oldestPending, clock.instant()).toMillis());
        Instant projectedThrough = position == 0 ? null : source.timestampAtOrBefore(position);
        return new Positions(position, lagEvents, lagMillis, projectedThrough);
    }

    @Scheduled(fixedDelayString = "${feed.projections.status-refresh:250ms}")
    void refresh() {
        statuses();
    }

    private ProjectionStatus compute(String name, long head) {
        List<TokenPositions.Segment> segments = tokens.segments(name);
        Positions p = positions(tokens, segments, head);
        boolean tokensReplaying = segments.stream().anyMatch(TokenPositions.Segment::replaying);
        if (!tokensReplaying && !segments.isEmpty()) {
            replayRequested.remove(name);
        }
        boolean replaying = tokensReplaying || replayRequested.containsKey(name);
        Double progress = replaying ? progress(segments) : null;
        Optional<StreamingEventProcessor> processor = processing.eventProcessor(name, StreamingEventProcessor.class);
        boolean running = processor.map(StreamingEventProcessor::isRunning).orElse(false);
        String error = processor.map(ProjectionMonitor::error).orElse(null);
        if (!running && error == null && !isStoppedOnRequest(name)) {
            error = "the processor stopped without an admin request; the watchdog restarts it";
        }
        ProjectionState state = replaying ? ProjectionState.REPLAYING
                : !running ? ProjectionState.STOPPED
                : error != null ? ProjectionState.ERROR
                : ProjectionState.RUNNING;
        return new ProjectionStatus(name, state, p.position(), head, p.lagEvents(), p.lagMillis(), p.projectedThrough(),
                progress, error, deadLetters.count(name));
    }

    private static Double progress(List<TokenPositions.Segment> segments) {
        return segments.stream()
                .mapToDouble(s -> s.resetPosition() == null || s.resetPosition() == 0 ? (s.replaying() ? 0 : 1)
                        : Math.min(1.0, (double) s.position() / s.resetPosition()))
                .min().orElse(0);
    }

    /** Says which segments failed but not why: causes may hold SQL, which stays in the service log. */
    private static String error(StreamingEventProcessor processor) {
        String failed = processor.processingStatus().values().stream()
                .filter(EventTrackerStatus::isErrorState)
                .map(s -> String.valueOf(s.getSegment().getSegmentId()))
                .collect(Collectors.joining(", "));
        if (!failed.isEmpty()) {
            return "segment " + failed + " failed and is retrying; the service log has the cause";
        }
        return processor.isError() ? "the processor is in error mode; the service log has the cause" : null;
    }
}
