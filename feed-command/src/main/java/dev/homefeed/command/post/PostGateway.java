package dev.homefeed.command.post;

import java.time.Instant;

import dev.homefeed.command.api.PostId;
import dev.homefeed.command.api.PostNotFoundException;
import dev.homefeed.command.api.UserId;
import dev.homefeed.command.api.post.DeletePostCommand;
import dev.homefeed.command.api.post.EditPostCommand;
import dev.homefeed.command.api.post.PostView;
import dev.homefeed.command.api.post.PublishPostCommand;
import dev.homefeed.command.api.post.PublishedPost;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.stereotype.Component;

/**
 * The posts' front door: commands go through Axon's command bus and are answered with the post as the aggregate
 * decided it; reads fold the post's own events, never a projection. Failures are the named exceptions of
 * {@code command.api}.
 */
@Component
public class PostGateway {

    private final CommandGateway commands;
    private final PostIdGenerator ids;
    private final PostHistory history;

    PostGateway(CommandGateway commands, PostIdGenerator ids, PostHistory history) {
        this.commands = commands;
        this.ids = ids;
        this.history = history;
    }

    /**
     * Publishes a post under a new id; with an {@code idempotencyKey} that the author used before for the same body,
     * answers with that earlier post instead.
     *
     * @param expiresAt      null for a post that never expires
     * @param idempotencyKey null when the request carried none
     */
    public PublishedPost publish(UserId author, String text, Instant expiresAt, String idempotencyKey) {
        return commands.sendAndWait(new PublishPostCommand(ids.next(), author, text, expiresAt, idempotencyKey));
    }

    /** @param expectedVersion the version the editor saw; null accepts any */
    public PostView edit(PostId post, UserId editor, String text, Long expectedVersion) {
        return commands.sendAndWait(new EditPostCommand(post, editor, text, expectedVersion));
    }

    public void delete(PostId post, UserId requester) {
        commands.sendAndWait(new DeletePostCommand(post, requester));
    }

    /** The live post; {@link PostNotFoundException} when it is unknown, deleted or expired. */
    public PostView find(PostId post) {
        return history.find(post).orElseThrow(() -> new PostNotFoundException(post));
    }
}
