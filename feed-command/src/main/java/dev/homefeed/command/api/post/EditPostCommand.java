package dev.homefeed.command.api.post;

import java.util.List;

import dev.homefeed.command.api.AggregateIds;
import dev.homefeed.command.api.PostId;
import dev.homefeed.command.api.UserId;
import dev.homefeed.command.api.erasure.UserDataCommand;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Replaces a post's text.
 *
 * @param expectedVersion the version the editor saw ({@code If-Match}); null accepts any version
 */
public record EditPostCommand(PostId postId, UserId editorId, String text, Long expectedVersion) implements UserDataCommand {

    @Override
    public List<UserId> dataSubjects() {
        return List.of(editorId);
    }

    @TargetAggregateIdentifier
    public String targetAggregateId() {
        return AggregateIds.post(postId);
    }
}
