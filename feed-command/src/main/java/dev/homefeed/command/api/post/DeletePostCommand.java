package dev.homefeed.command.api.post;

import dev.homefeed.command.api.AggregateIds;
import dev.homefeed.command.api.PostId;
import dev.homefeed.command.api.UserId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Deletes a post; deleting a post that is already gone succeeds without effect. */
public record DeletePostCommand(PostId postId, UserId requesterId) {

    @TargetAggregateIdentifier
    public String targetAggregateId() {
        return AggregateIds.post(postId);
    }
}
