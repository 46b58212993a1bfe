package dev.homefeed.api.post;

import static dev.homefeed.api.position.FeedPositionHeaders.FEED_POSITION;

import java.net.URI;
import java.time.Instant;

import dev.homefeed.api.problem.InvalidRequestException;
import dev.homefeed.api.security.Caller;
import dev.homefeed.api.wire.Ids;
import dev.homefeed.api.wire.Timestamps;
import dev.homefeed.command.api.PostId;
import dev.homefeed.command.api.Positioned;
import dev.homefeed.command.api.post.PostView;
import dev.homefeed.command.api.post.PublishedPost;
import dev.homefeed.command.eventstore.FeedPositions;
import dev.homefeed.command.post.PostGateway;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import jakarta.validation.Valid;
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

/** Publish, edit, delete and read posts; every answer is the post as the command side decided or folded it. */
@RestController
@RequestMapping("/api/v1/posts")
@SecurityRequirement(name = "bearer")
class PostController {

    private final PostGateway posts;
    private final FeedPositions positions;

    PostController(PostGateway posts, FeedPositions positions) {
        this.posts = posts;
        this.positions = positions;
    }

    @PostMapping
    @Operation(summary = "Publish a post; an Idempotency-Key makes retries safe")
    ResponseEntity<PostResponse> publish(Caller caller, @Valid @RequestBody(required = false) PostRequests.Publish body,
                                         @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey) {
        PostRequests.Publish request = present(body);
        Instant expiresAt = request.expiresAt() == null ? null : Timestamps.parse("expiresAt", request.expiresAt());
        String key = IdempotencyKeys.validate(idempotencyKey);
        Positioned<PublishedPost> published = positions.track(() -> posts.publish(caller.id(), request.text(), expiresAt, key));
        PostResponse post = PostResponse.of(published.value().post());
        ResponseEntity.BodyBuilder answer = published.value().repeated() ? ResponseEntity.ok()
                : ResponseEntity.created(URI.create("/api/v1/posts/" + post.postId()));
        return answer.eTag(post.etag()).header(FEED_POSITION, Long.toString(published.position())).body(post);
    }

    @PatchMapping("/{postId}")
    @Operation(summary = "Edit a post's text (author only); If-Match guards against lost updates")
    ResponseEntity<PostResponse> edit(Caller caller, @PathVariable String postId,
                                      @Valid @RequestBody(required = false) PostRequests.Edit body,
                                      @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        PostId id = new PostId(Ids.parse("postId", postId));
        PostRequests.Edit request = present(body);
        Positioned<PostView> edited = positions.track(() -> posts.edit(id, caller.id(), request.text(), IfMatch.expectedVersion(ifMatch)));
        PostResponse post = PostResponse.of(edited.value());
        return ResponseEntity.ok().eTag(post.etag()).header(FEED_POSITION, Long.toString(edited.position())).body(post);
    }

    @DeleteMapping("/{postId}")
    @Operation(summary = "Delete a post (author only); deleting it again is accepted")
    ResponseEntity<Void> delete(Caller caller, @PathVariable String postId) {
        PostId id = new PostId(Ids.parse("postId", postId));
        long position = positions.positionAfter(() -> posts.delete(id, caller.id()));
        return ResponseEntity.status(HttpStatus.NO_CONTENT).header(FEED_POSITION, Long.toString(position)).build();
    }

    @GetMapping("/{postId}")
    @Operation(summary = "Read a live post from its events")
    ResponseEntity<PostResponse> read(Caller caller, @PathVariable String postId) {
        PostResponse post = PostResponse.of(posts.find(new PostId(Ids.parse("postId", postId))));
        return ResponseEntity.ok().eTag(post.etag()).body(post);
    }

    private static <T> T present(T body) {
        if (body == null) {
            throw InvalidRequestException.notAnObject();
        }
        return body;
    }
}
