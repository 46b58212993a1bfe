package dev.homefeed.api.admin;

import java.util.List;

import dev.homefeed.api.paging.CursorFormat;
import dev.homefeed.api.paging.Cursors;
import dev.homefeed.api.paging.PageLimits;
import dev.homefeed.api.problem.Problems;
import dev.homefeed.api.security.Caller;
import dev.homefeed.api.wire.Timestamps;
import dev.homefeed.projection.ProjectionOperations;
import dev.homefeed.projection.api.DeadLetterPage;
import dev.homefeed.projection.api.DeadLetterPosition;
import dev.homefeed.projection.api.DeadLetterRetry;
import dev.homefeed.projection.api.DeadLetterView;
import dev.homefeed.projection.api.ProjectionStatus;
import dev.homefeed.projection.api.ReplayRefusedException;
import dev.homefeed.projection.deadletter.DeadLetters;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Watch, replay and repair the projections (scope {@code feed:admin}). */
@RestController
@RequestMapping("/admin/projections")
@SecurityRequirement(name = "bearer")
class ProjectionsController {

    /** A cursor is valid for one projection's dead letters: {@code of(name)}. */
    static final CursorFormat<DeadLetterPosition> DEAD_LETTERS = new CursorFormat<>("dead-letters", 2,
            p -> List.of(p.sequenceId(), Long.toString(p.sequenceIndex())),
            parts -> new DeadLetterPosition(parts.get(0), Long.parseLong(parts.get(1))));

    private final ProjectionOperations projections;
    private final DeadLetters deadLetters;
    private final Cursors cursors;

    ProjectionsController(ProjectionOperations projections, DeadLetters deadLetters, Cursors cursors) {
        this.projections = projections;
        this.deadLetters = deadLetters;
        this.cursors = cursors;
    }

    @GetMapping
    @Operation(summary = "Every projection the service runs")
    Items<ProjectionView> list() {
        return new Items<>(projections.statuses().stream().map(this::view).toList(), null);
    }

    @GetMapping("/{name}")
    @Operation(summary = "One projection: state, position, lag, replay progress, dead letters")
    ProjectionView get(@PathVariable String name) {
        return view(known(name));
    }

    @PostMapping("/{name}/replay")
    @Operation(summary = "Rebuild the projection from the event store by resetting its tokens")
    ResponseEntity<ProjectionView> replay(@PathVariable String name) {
        return ResponseEntity.accepted().body(view(projections.replay(name)));
    }

    @GetMapping("/{name}/dead-letters")
    @Operation(summary = "The projection's parked events")
    Items<DeadLetterItem> deadLetters(Caller caller, @PathVariable String name, @RequestParam(required = false) String limit,
                                      @RequestParam(required = false) String cursor) {
        known(name);
        int size = PageLimits.parse(limit);
        CursorFormat<DeadLetterPosition> format = DEAD_LETTERS.of(name);
        long viewer = caller.id().value();
        DeadLetterPage page = deadLetters.page(name, size, cursors.decode(format, viewer, cursor));
        return new Items<>(page.items().stream().map(DeadLetterItem::of).toList(), cursors.encode(format, viewer, page.next()));
    }

    @PostMapping("/{name}/dead-letters/retry")
    @Operation(summary = "Retry every parked sequence now")
    ResponseEntity<DeadLetterRetry> retry(@PathVariable String name) {
        known(name);
        return ResponseEntity.accepted().body(deadLetters.retryAll(name));
    }

    @DeleteMapping("/{name}/dead-letters/{id}")
    @Operation(summary = "Evict one dead letter for good (logged)")
    ResponseEntity<Void> evict(@PathVariable String name, @PathVariable String id) {
        known(name);
        if (!deadLetters.evict(name, id)) {
            throw new UnknownNameException("dead letter", id);
        }
        return ResponseEntity.noContent().build();
    }

    @ExceptionHandler(ReplayRefusedException.class)
    ResponseEntity<ProblemDetail> refused(ReplayRefusedException e) {
        return switch (e.refusal()) {
            case UNKNOWN -> ResponseEntity.status(HttpStatus.NOT_FOUND).body(
                    Problems.of(HttpStatus.NOT_FOUND, "unknown-projection", "Unknown projection", "There is no projection with this name."));
            case ALREADY_REPLAYING -> ResponseEntity.status(HttpStatus.CONFLICT).body(
                    Problems.of(HttpStatus.CONFLICT, "replay-running", "Replay already running", "A replay of this projection is running."));
            case REBUILD_RUNNING -> ResponseEntity.status(HttpStatus.CONFLICT).body(
                    Problems.of(HttpStatus.CONFLICT, "rebuild-running", "Rebuild running",
                            "A rebuild of this projection is running; abandon it or let it finish first."));
            case SEGMENTS_HELD_ELSEWHERE -> ResponseEntity.status(HttpStatus.CONFLICT).body(
                    Problems.of(HttpStatus.CONFLICT, "segments-held", "Segments held elsewhere",
                            "Another instance holds this projection's segments; stop it there first."));
        };
    }

    private ProjectionStatus known(String name) {
        return projections.status(name).orElseThrow(() -> new UnknownNameException("projection", name));
    }

    private ProjectionView view(ProjectionStatus status) {
        return ProjectionView.of(projections.overview(status));
    }

    record Items<T>(List<T> items, String nextCursor) {
    }

    record DeadLetterItem(String id, String sequenceId, String eventId, String eventType, String globalIndex,
                          String enqueuedAt, String lastTouched, int attempts, String cause) {
        static DeadLetterItem of(DeadLetterView v) {
            return new DeadLetterItem(v.id(), v.sequenceId(), v.eventId(), v.eventType(),
                    v.globalIndex() == null ? null : v.globalIndex().toString(), Timestamps.format(v.enqueuedAt()),
                    Timestamps.format(v.lastTouched()), v.attempts(), v.cause());
        }
    }

    /** An unknown projection or dead letter: 404 wherever in the admin API ({@link AdminProblems}). */
    static final class UnknownNameException extends RuntimeException {
        final String kind;

        UnknownNameException(String kind, String name) {
            super(kind + " " + name);
            this.kind = kind;
        }
    }
}
