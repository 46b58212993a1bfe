package dev.homefeed.command.post;

import dev.homefeed.command.api.AggregateIds;
import dev.homefeed.command.api.IdempotencyKeyReusedException;
import dev.homefeed.command.api.PostId;
import dev.homefeed.command.api.PostNotFoundException;
import dev.homefeed.command.api.post.DeletePostCommand;
import dev.homefeed.command.api.post.EditPostCommand;
import dev.homefeed.command.api.post.PostView;
import dev.homefeed.command.api.post.PublishPostCommand;
import dev.homefeed.command.api.post.PublishedPost;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.modelling.command.Aggregate;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.Repository;
import org.springframework.stereotype.Component;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Outside the aggregate because publishing must consult the idempotency table before deciding to
 * create anything, and because edits and deletes of an unknown post must fail as
 * {@link PostNotFoundException}, not as Axon's own exception.
 */
@Component
class PostCommandHandler {

    private final Repository<Post> posts;
    private final IdempotencyKeyStore idempotencyKeys;
    private final Clock clock;

    PostCommandHandler(Repository<Post> posts, IdempotencyKeyStore idempotencyKeys, Clock clock) {
        this.posts = posts;
        this.idempotencyKeys = idempotencyKeys;
        this.clock = clock;
    }

    @CommandHandler
    PublishedPost handle(PublishPostCommand cmd) throws Exception {
        Instant now = clock.instant();
        if (cmd.idempotencyKey() != null) {
            String hash = requestHash(PostText.normalize(cmd.text()), cmd.expiresAt());
            Optional<IdempotencyKeyStore.StoredKey> earlier =
                    idempotencyKeys.claim(cmd.authorId(), cmd.idempotencyKey(), cmd.postId(), hash, now);
            if (earlier.isPresent()) {
                if (!earlier.get().requestHash().equals(hash)) {
                    throw new IdempotencyKeyReusedException();
                }
                // The earlier post as it stands now; a deleted or expired one is not found.
                return new PublishedPost(load(earlier.get().postId()).invoke(post -> post.live(now)), true);
            }
        }
        Aggregate<Post> published = posts.newInstance(() -> new Post(cmd, now));
        return new PublishedPost(published.invoke(post -> post.live(now)), false);
    }

    @CommandHandler
    PostView handle(EditPostCommand cmd) {
        Instant now = clock.instant();
        return load(cmd.postId()).invoke(post -> post.edit(cmd, now));
    }

    @CommandHandler
    void handle(DeletePostCommand cmd) {
        load(cmd.postId()).execute(post -> post.delete(cmd.requesterId(), clock.instant()));
    }

    private Aggregate<Post> load(PostId postId) {
        try {
            return posts.load(AggregateIds.post(postId));
        } catch (AggregateNotFoundException e) {
            throw new PostNotFoundException(postId);
        }
    }

    /** U+0000 cannot occur in valid text, so it separates the fields unambiguously. */
    static String requestHash(String text, Instant expiresAt) {
        String body = text + '\u0000' + (expiresAt == null ? "" : expiresAt.toString());
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(body.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime provides SHA-256", e);
        }
    }
}
