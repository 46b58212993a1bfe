package dev.homefeed.command.post;

import dev.homefeed.command.api.InvalidPostTextException;
import dev.homefeed.command.api.NotPostAuthorException;
import dev.homefeed.command.api.PostId;
import dev.homefeed.command.api.PostNotFoundException;
import dev.homefeed.command.api.UserId;
import dev.homefeed.command.api.post.DeletePostCommand;
import dev.homefeed.command.api.post.EditPostCommand;
import dev.homefeed.command.api.post.PostView;
import dev.homefeed.command.api.post.PublishPostCommand;
import dev.homefeed.command.api.post.PublishedPost;
import org.axonframework.config.Configuration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The named exceptions must reach {@code CommandGateway.sendAndWait} callers unwrapped: the HTTP layer maps them. */
class PostCommandBusTest {

    static final UserId AUTHOR = new UserId(7);
    static final PostId POST = new PostId(7263518211522560L); // the example id of the HTTP contract

    final Configuration axon = AxonPosts.start(Clock.fixed(Instant.parse("2026-11-22T10:15:30.123Z"), ZoneOffset.UTC));

    @AfterEach
    void stop() {
        axon.shutdown();
    }

    @Test
    void publishAnswersWithThePostAsPublished() {
        PublishedPost result = axon.commandGateway().sendAndWait(new PublishPostCommand(POST, AUTHOR, " hello ", null, null));

        assertThat(result).isEqualTo(new PublishedPost(new PostView(POST, AUTHOR, "hello", POST.createdAt(), null, null, 1), false));
    }

    @Test
    void refusedCreationReachesTheCallerUnchanged() {
        assertThatThrownBy(() -> axon.commandGateway().sendAndWait(new PublishPostCommand(POST, AUTHOR, "", null, null)))
                .isExactlyInstanceOf(InvalidPostTextException.class);
    }

    @Test
    void editOfAnUnknownPostReachesTheCallerAsPostNotFound() {
        assertThatThrownBy(() -> axon.commandGateway().sendAndWait(new EditPostCommand(POST, AUTHOR, "x", null)))
                .isExactlyInstanceOf(PostNotFoundException.class);
    }

    @Test
    void refusalByTheLoadedAggregateReachesTheCallerUnchanged() {
        axon.commandGateway().sendAndWait(new PublishPostCommand(POST, AUTHOR, "hello", null, null));

        assertThatThrownBy(() -> axon.commandGateway().sendAndWait(new DeletePostCommand(POST, new UserId(8))))
                .isExactlyInstanceOf(NotPostAuthorException.class);
    }
}
