package dev.homefeed.api.admin;

import dev.homefeed.api.problem.Problems;
import dev.homefeed.api.wire.Timestamps;
import dev.homefeed.projection.ProjectionOperations;
import dev.homefeed.projection.api.Cutover;
import dev.homefeed.projection.api.GenerationComparison;
import dev.homefeed.projection.api.RebuildRefusedException;
import dev.homefeed.projection.api.RebuildStatus;
import dev.homefeed.projection.rebuild.Rebuilds;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Blue/green rebuilds of a projection without downtime, their cutover, abandon and rollback (scope feed:admin). */
@RestController
@RequestMapping("/admin/projections/{name}")
@SecurityRequirement(name = "bearer")
class RebuildsController {

    private final Rebuilds rebuilds;
    private final ProjectionOperations projections;

    RebuildsController(Rebuilds rebuilds, ProjectionOperations projections) {
        this.rebuilds = rebuilds;
        this.projections = projections;
    }

    record RebuildRequest(@Pattern(regexp = "auto|manual", message = "must be auto or manual") String cutover) {
    }

    @PostMapping("/rebuild")
    @Operation(summary = "Rebuild the projection into a new generation while the serving one goes on")
    ResponseEntity<RebuildView> rebuild(@PathVariable String name, @Valid @RequestBody(required = false) RebuildRequest body) {
        Cutover cutover = body == null || body.cutover() == null ? Cutover.AUTO : Cutover.of(body.cutover());
        return ResponseEntity.accepted().body(RebuildView.of(rebuilds.start(name, cutover)));
    }

    @GetMapping("/rebuild")
    @Operation(summary = "The running or most recent rebuild")
    RebuildView latest(@PathVariable String name) {
        return rebuilds.latest(name).map(RebuildView::of)
                .orElseThrow(() -> new RebuildRefusedException(RebuildRefusedException.Refusal.NEVER_REBUILT, name));
    }

    @PostMapping("/rebuild/cutover")
    @Operation(summary = "Switch readers to the rebuilt generation (only when READY)")
    RebuildView cutover(@PathVariable String name) {
        return RebuildView.of(rebuilds.cutover(name));
    }

    @DeleteMapping("/rebuild")
    @Operation(summary = "Abandon a rebuild that has not switched: its tables are dropped, serving is untouched")
    ResponseEntity<Void> abandon(@PathVariable String name) {
        rebuilds.abandon(name);
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/rollback")
    @Operation(summary = "Serve the previous generation again, while it is retained")
    ProjectionView rollback(@PathVariable String name) {
        rebuilds.rollback(name);
        return ProjectionView.of(projections.overview(projections.status(name).orElseThrow()));
    }

    @ExceptionHandler(RebuildRefusedException.class)
    ResponseEntity<ProblemDetail> refused(RebuildRefusedException e) {
        ProblemDetail problem = switch (e.refusal()) {
            case UNKNOWN -> Problems.of(HttpStatus.NOT_FOUND, "unknown-projection", "Unknown projection",
                    "There is no projection with this name.");
            case NEVER_REBUILT -> Problems.of(HttpStatus.NOT_FOUND, "never-rebuilt", "Never rebuilt",
                    "This projection was never rebuilt.");
            case RUNNING -> Problems.of(HttpStatus.CONFLICT, "rebuild-running", "Rebuild or replay running",
                    "A rebuild or a replay of this projection is running.");
            case NOT_READY -> Problems.of(HttpStatus.CONFLICT, "rebuild-not-ready", "Rebuild not ready",
                    "Only a READY rebuild can be switched to.");
            case ALREADY_SWITCHED -> Problems.of(HttpStatus.CONFLICT, "rebuild-switched", "Rebuild switched",
                    "This rebuild has switched; roll back instead.");
            case NOTHING_RETAINED -> Problems.of(HttpStatus.CONFLICT, "nothing-retained", "Nothing retained",
                    "No previous generation of this projection is retained.");
        };
        return ResponseEntity.status(problem.getStatus()).body(problem);
    }

    /** A rebuild on the wire, as the contract's rebuild section defines it. */
    record RebuildView(String id, String projection, int generation, int servingGeneration, String state, String cutover,
                       String startedAt, String caughtUpAt, String switchedAt, double progress, Double eventsPerSecond,
                       Long secondsLeft, GenerationComparison comparison, String error) {

        static RebuildView of(RebuildStatus r) {
            return new RebuildView(Long.toString(r.id()), r.projection(), r.generation(), r.servingGeneration(),
                    r.state().name(), r.cutover().wire(), Timestamps.format(r.startedAt()), Timestamps.format(r.caughtUpAt()),
                    Timestamps.format(r.switchedAt()), r.progress(), r.eventsPerSecond(), r.secondsLeft(), r.comparison(),
                    r.error());
        }
    }
}
