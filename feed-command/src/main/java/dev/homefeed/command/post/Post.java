package dev.homefeed.command.post;

import dev.homefeed.command.api.AggregateIds;
import dev.homefeed.command.api.ExpiryNotInFutureException;
import dev.homefeed.command.api.NotPostAuthorException;
import dev.homefeed.command.api.PostId;
import dev.homefeed.command.api.PostNotFoundException;
import dev.homefeed.command.api.StalePostVersionException;
import dev.homefeed.command.api.UserId;
import dev.homefeed.command.api.post.EditPostCommand;
import dev.homefeed.command.api.post.PostDeletedEvent;
import dev.homefeed.command.api.post.PostEditedEvent;
import dev.homefeed.command.api.post.PostPublishedEvent;
import dev.homefeed.command.api.post.PostView;
import dev.homefeed.command.api.post.PublishPostCommand;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.MetaData;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import java.time.Instant;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A post. Commands reach it through {@link PostCommandHandler}, which owns idempotency and turns
 * Axon's "aggregate not found" into {@link PostNotFoundException}. It keeps its text and edit time,
 * which no invariant needs, so that a command is answered with the post as the aggregate decided it
 * instead of reading the post's events back.
 */
@Aggregate
class Post {

    static final String IDEMPOTENCY_KEY = "idempotencyKey";

    @AggregateIdentifier
    private String id;
    private PostId postId;
    private UserId authorId;
    private String text;
    private Instant editedAt;
    private Instant expiresAt;
    private long version;
    private boolean deleted;
    private boolean erased;

    protected Post() {
    }

    Post(PublishPostCommand cmd, Instant now) {
        String text = PostText.normalize(cmd.text());
        if (cmd.expiresAt() != null && !cmd.expiresAt().isAfter(now)) {
            throw new ExpiryNotInFutureException(cmd.expiresAt());
        }
        MetaData metaData = cmd.idempotencyKey() == null
                ? MetaData.emptyInstance()
                : MetaData.with(IDEMPOTENCY_KEY, cmd.idempotencyKey());
        apply(new PostPublishedEvent(cmd.postId(), cmd.authorId(), text, cmd.postId().createdAt(), cmd.expiresAt()),
              metaData);
    }

    PostView edit(EditPostCommand cmd, Instant now) {
        if (deleted || erased || isExpired(now)) {
            throw new PostNotFoundException(postId);
        }
        if (!authorId.equals(cmd.editorId())) {
            throw new NotPostAuthorException(postId);
        }
        if (cmd.expectedVersion() != null && cmd.expectedVersion() != version) {
            throw new StalePostVersionException(cmd.expectedVersion(), version);
        }
        apply(new PostEditedEvent(postId, authorId, PostText.normalize(cmd.text()), now, version + 1));
        return live(now);
    }

    /** The post as it stands, for the command's answer; a deleted or expired post is not found. */
    PostView live(Instant now) {
        if (deleted || erased || isExpired(now)) {
            throw new PostNotFoundException(postId);
        }
        return new PostView(postId, authorId, text, postId.createdAt(), editedAt, expiresAt, version);
    }

    /**
     * Authorship is checked first: nobody but the author gets a success, not even for a no-op. An
     * expired post that is not yet deleted does get a {@link PostDeletedEvent}: the author asked for
     * it to be gone, and saying so in the history keeps it gone whatever later reads make of expiry. A post whose
     * author was erased is gone already: its text cannot be read.
     */
    void delete(UserId requesterId, Instant now) {
        if (!authorId.equals(requesterId)) {
            throw new NotPostAuthorException(postId);
        }
        if (!deleted && !erased) {
            apply(new PostDeletedEvent(postId, authorId, now));
        }
    }

    private boolean isExpired(Instant now) {
        return expiresAt != null && !now.isBefore(expiresAt);
    }

    @EventSourcingHandler
    void on(PostPublishedEvent event) {
        id = AggregateIds.post(event.postId());
        postId = event.postId();
        authorId = event.authorId();
        text = event.text();
        expiresAt = event.expiresAt();
        version = 1;
        erased = event.erased();
    }

    @EventSourcingHandler
    void on(PostEditedEvent event) {
        erased = erased || event.erased();
        text = event.text();
        editedAt = event.editedAt();
        version = event.version();
    }

    @EventSourcingHandler
    void on(PostDeletedEvent event) {
        deleted = true;
    }
}
