package dev.homefeed.api.follow;

import static dev.homefeed.api.position.FeedPositionHeaders.FEED_POSITION;

import java.time.Instant;
import java.util.List;

import dev.homefeed.api.paging.CursorFormat;
import dev.homefeed.api.paging.Cursors;
import dev.homefeed.api.paging.PageLimits;
import dev.homefeed.api.security.Caller;
import dev.homefeed.api.wire.Ids;
import dev.homefeed.command.api.UserId;
import dev.homefeed.command.api.follow.FollowingPage;
import dev.homefeed.command.api.follow.FollowingPosition;
import dev.homefeed.command.eventstore.FeedPositions;
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

    static final CursorFormat<FollowingPosition> FOLLOWING = new CursorFormat<>("following", 2,
            p -> List.of(p.followedAt().toString(), p.followeeId().toString()),
            parts -> new FollowingPosition(Instant.parse(parts.get(0)), new UserId(Long.parseLong(parts.get(1)))));

    private final FollowGateway follows;
    private final FeedPositions positions;
    private final Cursors cursors;

    FollowingController(FollowGateway follows, FeedPositions positions, Cursors cursors) {
        this.follows = follows;
        this.positions = positions;
        this.cursors = cursors;
    }

    @PutMapping("/{followeeId}")
    @Operation(summary = "Start following a user (idempotent)")
    ResponseEntity<Void> follow(Caller caller, @PathVariable String followeeId) {
        UserId followee = new UserId(Ids.parse("followeeId", followeeId));
        long position = positions.positionAfter(() -> follows.follow(caller.id(), followee));
        return ResponseEntity.noContent().header(FEED_POSITION, Long.toString(position)).build();
    }

    @DeleteMapping("/{followeeId}")
    @Operation(summary = "Stop following a user (idempotent)")
    ResponseEntity<Void> unfollow(Caller caller, @PathVariable String followeeId) {
        UserId followee = new UserId(Ids.parse("followeeId", followeeId));
        long position = positions.positionAfter(() -> follows.unfollow(caller.id(), followee));
        return ResponseEntity.noContent().header(FEED_POSITION, Long.toString(position)).build();
    }

    @GetMapping
    @Operation(summary = "Whom the caller follows, most recent first")
    FollowingResponse list(Caller caller, @RequestParam(required = false) String limit, @RequestParam(required = false) String cursor) {
        int size = PageLimits.parse(limit);
        long viewer = caller.id().value();
        FollowingPage page = follows.following(caller.id(), size, cursors.decode(FOLLOWING, viewer, cursor));
        return new FollowingResponse(page.followees().stream().map(UserId::toString).toList(),
                cursors.encode(FOLLOWING, viewer, page.next()));
    }

    record FollowingResponse(List<String> items, String nextCursor) {
    }
}
