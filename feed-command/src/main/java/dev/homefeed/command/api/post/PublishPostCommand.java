package dev.homefeed.command.api.post;

import java.util.List;

import dev.homefeed.command.api.AggregateIds;
import dev.homefeed.command.api.PostId;
import dev.homefeed.command.api.UserId;
import dev.homefeed.command.api.erasure.UserDataCommand;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/**
 * Publishes a post under an id the caller took from {@code PostIdGenerator}. Handling returns the
 * {@link PostId} of the post: the given one, or an earlier one when {@code idempotencyKey} repeats a
 * request of the same author with the same body.
 *
 * @param expiresAt      when the post disappears; null for never
 * @param idempotencyKey the client's Idempotency-Key; null when none was sent
 */
public record PublishPostCommand(PostId postId, UserId authorId, String text, Instant expiresAt,
                                 String idempotencyKey) implements UserDataCommand {

    @Override
    public List<UserId> dataSubjects() {
        return List.of(authorId);
    }

    @TargetAggregateIdentifier
    public String targetAggregateId() {
        return AggregateIds.post(postId);
    }
}
