package dev.homefeed.api.feed;

import com.fasterxml.jackson.databind.JsonNode;
import dev.homefeed.api.security.Caller;
import dev.homefeed.api.web.Ids;
import dev.homefeed.api.web.JsonFields;
import dev.homefeed.api.web.Timestamps;
import dev.homefeed.command.api.PostId;
import dev.homefeed.command.api.marker.MoveReadMarkerCommand;
import dev.homefeed.command.api.marker.ReadMarker;
import dev.homefeed.query.api.FeedCursorView;
import dev.homefeed.query.cursor.FeedCursorQueries;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The caller's read marker. {@code PUT} answers with the marker as its aggregate holds it; {@code GET} reads the
 * projection, so right after a {@code PUT} it may still show the previous marker, or none.
 */
@RestController
@RequestMapping("/api/v1/feed/cursor")
@SecurityRequirement(name = "bearer")
class FeedCursorController {

    private static final String FIELD = "lastSeenPostId";

    private final CommandGateway commands;
    private final FeedCursorQueries cursors;

    FeedCursorController(CommandGateway commands, FeedCursorQueries cursors) {
        this.commands = commands;
        this.cursors = cursors;
    }

    @GetMapping
    @Operation(summary = "Read the caller's read marker; 404 if never set")
    MarkerResponse read(Caller caller) {
        return cursors.find(caller.id().value()).map(MarkerResponse::of).orElseThrow(ReadMarkerNotSetException::new);
    }

    @PutMapping
    @Operation(summary = "Move the caller's read marker forward to a post that exists or existed; older ids change nothing")
    MarkerResponse move(Caller caller, @RequestBody(required = false) JsonNode body) {
        PostId lastSeen = new PostId(Ids.parse(FIELD, JsonFields.requiredString(body, FIELD)));
        ReadMarker marker = commands.sendAndWait(new MoveReadMarkerCommand(caller.id(), lastSeen));
        return MarkerResponse.of(marker);
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
