package dev.homefeed.api.feed;

import static dev.homefeed.api.position.FeedPositionHeaders.FEED_MIN_POSITION;
import static dev.homefeed.api.position.FeedPositionHeaders.FEED_POSITION;

import dev.homefeed.api.position.FeedPositionHeaders;
import dev.homefeed.api.problem.InvalidRequestException;
import dev.homefeed.api.security.Caller;
import dev.homefeed.api.wire.CanonicalId;
import dev.homefeed.api.wire.Timestamps;
import dev.homefeed.command.api.PostId;
import dev.homefeed.command.api.Positioned;
import dev.homefeed.command.api.marker.ReadMarker;
import dev.homefeed.command.eventstore.FeedPositions;
import dev.homefeed.command.marker.ReadMarkerGateway;
import dev.homefeed.query.api.FeedCursorView;
import dev.homefeed.query.cursor.ReadMarkerReads;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The caller's read marker. {@code PUT} answers with the marker as its aggregate holds it; {@code GET} reads the
 * projection, so right after a {@code PUT} it may still show the previous marker, or none, unless the reader sends
 * the {@code PUT}'s {@code Feed-Position} back as {@code Feed-Min-Position}.
 */
@RestController
@RequestMapping("/api/v1/feed/cursor")
@SecurityRequirement(name = "bearer")
class FeedCursorController {

    private final ReadMarkerGateway markers;
    private final ReadMarkerReads projected;
    private final FeedPositions positions;
    private final FeedPositionHeaders headers;

    FeedCursorController(ReadMarkerGateway markers, ReadMarkerReads projected, FeedPositions positions,
                         FeedPositionHeaders headers) {
        this.markers = markers;
        this.projected = projected;
        this.positions = positions;
        this.headers = headers;
    }

    /**
     * With {@code Feed-Min-Position}, a projection that has not passed that position in time leaves the answer to the
     * aggregate, so a viewer always sees their own last move.
     */
    @GetMapping
    @Operation(summary = "Read the caller's read marker; 404 if never set")
    MarkerResponse read(Caller caller, @RequestHeader(name = FEED_MIN_POSITION, required = false) String minPosition) {
        long position = headers.minPosition(minPosition);
        if (position >= 0 && !projected.awaitPassed(position)) {
            return markers.current(caller.id()).map(MarkerResponse::of).orElseThrow(ReadMarkerNotSetException::new);
        }
        return projected.find(caller.id().value(), Math.max(position, 0)).map(MarkerResponse::of)
                .orElseThrow(ReadMarkerNotSetException::new);
    }

    @PutMapping
    @Operation(summary = "Move the caller's read marker forward to a post that exists or existed; older ids change nothing")
    ResponseEntity<MarkerResponse> move(Caller caller, @Valid @RequestBody(required = false) MoveRequest body) {
        if (body == null) {
            throw InvalidRequestException.notAnObject();
        }
        PostId lastSeen = new PostId(Long.parseLong(body.lastSeenPostId()));
        Positioned<ReadMarker> moved = positions.track(() -> markers.move(caller.id(), lastSeen));
        return ResponseEntity.ok().header(FEED_POSITION, Long.toString(moved.position())).body(MarkerResponse.of(moved.value()));
    }

    record MoveRequest(@NotNull(message = "is required") @CanonicalId String lastSeenPostId) {
    }

    record MarkerResponse(String lastSeenPostId, String lastSeenAt, String updatedAt) {

        static MarkerResponse of(ReadMarker m) {
            return new MarkerResponse(m.lastSeenPostId().toString(), Timestamps.format(m.lastSeenAt()),
                    Timestamps.format(m.updatedAt()));
        }

        static MarkerResponse of(FeedCursorView v) {
            return new MarkerResponse(Long.toString(v.lastSeenPostId()), Timestamps.format(v.lastSeenAt()),
                    Timestamps.format(v.updatedAt()));
        }
    }
}
