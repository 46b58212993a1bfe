package dev.homefeed.api.follow;

import java.time.Instant;
import java.util.List;

import dev.homefeed.api.security.Caller;
import dev.homefeed.api.paging.Cursors;
import dev.homefeed.api.wire.Ids;
import dev.homefeed.api.paging.PageLimits;
import dev.homefeed.command.api.UserId;
import dev.homefeed.command.api.follow.FollowingPage;
import dev.homefeed.command.api.follow.FollowingPosition;
import dev.homefeed.command.follow.FollowGateway;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Follow and unfollow; the caller's following list, immediately consistent with the caller's own calls. */
@RestController
@RequestMapping("/api/v1/following")
@SecurityRequirement(name = "bearer")
class FollowingController {

    private static final String LIST = "following";

    private final FollowGateway follows;
    private final Cursors cursors;

    FollowingController(FollowGateway follows, Cursors cursors) {
        this.follows = follows;
        this.cursors = cursors;
    }

    @PutMapping("/{followeeId}")
    @Operation(summary = "Start following a user (idempotent)")
    ResponseEntity<Void> follow(Caller caller, @PathVariable String followeeId) {
        follows.follow(caller.id(), new UserId(Ids.parse("followeeId", followeeId)));
        return ResponseEntity.noContent().build();
    }

    @DeleteMapping("/{followeeId}")
    @Operation(summary = "Stop following a user (idempotent)")
    ResponseEntity<Void> unfollow(Caller caller, @PathVariable String followeeId) {
        follows.unfollow(caller.id(), new UserId(Ids.parse("followeeId", followeeId)));
        return ResponseEntity.noContent().build();
    }

    @GetMapping
    @Operation(summary = "Whom the caller follows, most recent first")
    FollowingResponse list(Caller caller, @RequestParam(required = false) String limit, @RequestParam(required = false) String cursor) {
        int size = PageLimits.parse(limit);
        FollowingPosition after = cursor == null ? null : position(caller, cursor);
        FollowingPage page = follows.following(caller.id(), size, after);
        String next = page.next() == null ? null : cursors.encode(LIST, caller.id().value(),
                List.of(page.next().followedAt().toString(), page.next().followeeId().toString()));
        return new FollowingResponse(page.followees().stream().map(UserId::toString).toList(), next);
    }

    private FollowingPosition position(Caller caller, String cursor) {
        List<String> parts = cursors.decode(LIST, caller.id().value(), cursor, 2);
        return new FollowingPosition(Instant.parse(parts.get(0)), new UserId(Long.parseLong(parts.get(1))));
    }

    record FollowingResponse(List<String> items, String nextCursor) {
    }
}
