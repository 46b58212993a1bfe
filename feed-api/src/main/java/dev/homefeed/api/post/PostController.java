package dev.homefeed.api.post;

import java.net.URI;
import java.time.Instant;

import com.fasterxml.jackson.databind.JsonNode;
import dev.homefeed.api.security.Caller;
import dev.homefeed.api.web.Ids;
import dev.homefeed.api.web.JsonFields;
import dev.homefeed.api.web.Timestamps;
import dev.homefeed.command.api.PostId;
import dev.homefeed.command.api.PostNotFoundException;
import dev.homefeed.command.api.post.DeletePostCommand;
import dev.homefeed.command.api.post.EditPostCommand;
import dev.homefeed.command.api.post.PublishPostCommand;
import dev.homefeed.command.post.PostHistory;
import dev.homefeed.command.post.PostIdGenerator;
import dev.homefeed.command.post.PostText;
import dev.homefeed.command.post.PostView;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Publish, edit, delete and read posts. Reads fold the post's own events: the source truth, never a projection. */
@RestController
@RequestMapping("/api/v1/posts")
@SecurityRequirement(name = "bearer")
class PostController {

    private final CommandGateway commands;
    private final PostIdGenerator ids;
    private final PostHistory history;

    PostController(CommandGateway commands, PostIdGenerator ids, PostHistory history) {
        this.commands = commands;
        this.ids = ids;
        this.history = history;
    }

    @PostMapping
    @Operation(summary = "Publish a post; an Idempotency-Key makes retries safe")
    ResponseEntity<PostResponse> publish(Caller caller, @RequestBody(required = false) JsonNode body,
                                         @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey) {
        String text = JsonFields.requiredString(body, "text");
        String rawExpiry = JsonFields.optionalString(body, "expiresAt");
        Instant expiresAt = rawExpiry == null ? null : Timestamps.parse("expiresAt", rawExpiry);
        String key = IdempotencyKeys.validate(idempotencyKey);
        PostId requested = ids.next();
        PostId published = commands.sendAndWait(new PublishPostCommand(requested, caller.id(), text, expiresAt, key));
        if (!published.equals(requested)) {
            // A repeated Idempotency-Key: the earlier post as it stands now.
            PostResponse earlier = PostResponse.of(live(published));
            return ResponseEntity.ok().eTag(earlier.etag()).body(earlier);
        }
        // The command was accepted as sent, so the post is what its PostPublishedEvent says: no need to read it back.
        PostResponse post = PostResponse.of(new PostView(requested, caller.id(), PostText.normalize(text),
                requested.createdAt(), null, expiresAt, 1));
        return ResponseEntity.created(URI.create("/api/v1/posts/" + published)).eTag(post.etag()).body(post);
    }

    @PatchMapping("/{postId}")
    @Operation(summary = "Edit a post's text (author only); If-Match guards against lost updates")
    ResponseEntity<PostResponse> edit(Caller caller, @PathVariable String postId, @RequestBody(required = false) JsonNode body,
                                      @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        PostId id = new PostId(Ids.parse("postId", postId));
        String text = JsonFields.requiredString(body, "text");
        Long expectedVersion = IfMatch.expectedVersion(ifMatch);
        commands.sendAndWait(new EditPostCommand(id, caller.id(), text, expectedVersion));
        PostResponse post = PostResponse.of(live(id));
        return ResponseEntity.ok().eTag(post.etag()).body(post);
    }

    @DeleteMapping("/{postId}")
    @Operation(summary = "Delete a post (author only); deleting it again is accepted")
    ResponseEntity<Void> delete(Caller caller, @PathVariable String postId) {
        commands.sendAndWait(new DeletePostCommand(new PostId(Ids.parse("postId", postId)), caller.id()));
        return ResponseEntity.status(HttpStatus.NO_CONTENT).build();
    }

    @GetMapping("/{postId}")
    @Operation(summary = "Read a live post from its events")
    ResponseEntity<PostResponse> read(Caller caller, @PathVariable String postId) {
        PostResponse post = PostResponse.of(live(new PostId(Ids.parse("postId", postId))));
        return ResponseEntity.ok().eTag(post.etag()).body(post);
    }

    private PostView live(PostId id) {
        return history.find(id).orElseThrow(() -> new PostNotFoundException(id));
    }
}
