package dev.homefeed.command.api.post;

import dev.homefeed.command.api.AggregateIds;
import dev.homefeed.command.api.PostId;
import dev.homefeed.command.api.UserId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Replaces a post's text.
 *
 * @param expectedVersion the version the editor saw ({@code If-Match}); null accepts any version
 */
public record EditPostCommand(PostId postId, UserId editorId, String text, Long expectedVersion) {

    @TargetAggregateIdentifier
    public String targetAggregateId() {
        return AggregateIds.post(postId);
    }
}
