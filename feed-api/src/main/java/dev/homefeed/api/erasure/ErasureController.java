package dev.homefeed.api.erasure;

import static dev.homefeed.api.position.FeedPositionHeaders.FEED_POSITION;

import dev.homefeed.api.problem.Problems;
import dev.homefeed.api.security.Caller;
import dev.homefeed.api.wire.Ids;
import dev.homefeed.api.wire.Timestamps;
import dev.homefeed.command.api.Positioned;
import dev.homefeed.command.api.UserId;
import dev.homefeed.command.api.erasure.ErasureStatus;
import dev.homefeed.command.erasure.ErasureGateway;
import dev.homefeed.command.eventstore.FeedPositions;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * Erasure of a user: by themselves or by an operator (scope {@code feed:admin}, enforced for {@code /admin/**}), and
 * what became of it. The {@code 204} comes once the user's key is destroyed and the command side's rows are gone; the
 * projections follow within their lag, which {@code completedAt} reports.
 */
@RestController
@SecurityRequirement(name = "bearer")
class ErasureController {

    private final ErasureGateway erasures;
    private final FeedPositions positions;
    private final Counter erased;

    ErasureController(ErasureGateway erasures, FeedPositions positions, MeterRegistry registry) {
        this.erasures = erasures;
        this.positions = positions;
        this.erased = Counter.builder("feed.erasures").description("Users erased by this instance").register(registry);
    }

    @DeleteMapping("/api/v1/users/me")
    @Operation(summary = "Erase the caller: their posts, follows, read marker and the text in their events (idempotent)")
    ResponseEntity<Void> eraseMe(Caller caller) {
        return erase(caller.id());
    }

    @DeleteMapping("/admin/users/{userId}")
    @Operation(summary = "Erase a user (idempotent; an unknown user is erased too, so nothing of theirs is stored later)")
    ResponseEntity<Void> eraseUser(@PathVariable String userId) {
        return erase(new UserId(Ids.parse("userId", userId)));
    }

    @GetMapping("/admin/users/{userId}/erasure")
    @Operation(summary = "The user's erasure: when it was asked for and when every projection had handled it")
    ResponseEntity<?> erasure(@PathVariable String userId) {
        UserId user = new UserId(Ids.parse("userId", userId));
        return erasures.status(user)
                .<ResponseEntity<?>>map(status -> ResponseEntity.ok(ErasureView.of(status)))
                .orElseGet(() -> ResponseEntity.status(HttpStatus.NOT_FOUND).body(notErased(user)));
    }

    private ResponseEntity<Void> erase(UserId user) {
        Positioned<Boolean> erasure = positions.track(() -> erasures.erase(user));
        if (erasure.value()) {
            erased.increment();
        }
        return ResponseEntity.noContent().header(FEED_POSITION, Long.toString(erasure.position())).build();
    }

    private static ProblemDetail notErased(UserId user) {
        return Problems.of(HttpStatus.NOT_FOUND, "erasure-not-found", "No erasure", "User " + user + " has not been erased.");
    }

    record ErasureView(String userId, String requestedAt, String completedAt, int posts, int follows) {
        static ErasureView of(ErasureStatus s) {
            return new ErasureView(s.userId().toString(), Timestamps.format(s.requestedAt()),
                    s.completedAt() == null ? null : Timestamps.format(s.completedAt()), s.posts(), s.follows());
        }
    }
}
