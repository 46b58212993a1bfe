package dev.homefeed.command.post;

import dev.homefeed.command.api.post.PostView;
import dev.homefeed.command.api.PostId;
import dev.homefeed.command.api.UserId;
import dev.homefeed.command.api.post.DeletePostCommand;
import dev.homefeed.command.api.post.EditPostCommand;
import dev.homefeed.command.api.post.PublishPostCommand;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.Configuration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class PostHistoryTest {

    static final UserId AUTHOR = new UserId(7);
    static final PostId POST = new PostId(7263518211522560L); // the example id of the HTTP contract
    static final Instant NOW = POST.createdAt().plusSeconds(1);

    final SettableClock clock = new SettableClock(NOW);
    final Configuration axon = AxonPosts.start(clock);
    final CommandGateway commands = axon.commandGateway();
    final PostHistory history = new PostHistory(axon.eventStore(), clock);

    @AfterEach
    void stop() {
        axon.shutdown();
    }

    @Test
    void showsAPublishedPostAtVersionOne() {
        commands.sendAndWait(new PublishPostCommand(POST, AUTHOR, " hello ", null, null));

        assertThat(history.find(POST))
                .contains(new PostView(POST, AUTHOR, "hello", POST.createdAt(), null, null, 1));
    }

    @Test
    void showsTheLatestEditAndItsVersion() {
        commands.sendAndWait(new PublishPostCommand(POST, AUTHOR, "hello", null, null));
        commands.sendAndWait(new EditPostCommand(POST, AUTHOR, "bye", null));
        clock.advance(Duration.ofSeconds(5));
        commands.sendAndWait(new EditPostCommand(POST, AUTHOR, "again", 2L));

        assertThat(history.find(POST))
                .contains(new PostView(POST, AUTHOR, "again", POST.createdAt(), NOW.plusSeconds(5), null, 3));
    }

    @Test
    void hidesADeletedPostThatStillEverExisted() {
        commands.sendAndWait(new PublishPostCommand(POST, AUTHOR, "hello", null, null));
        commands.sendAndWait(new DeletePostCommand(POST, AUTHOR));

        assertThat(history.find(POST)).isEmpty();
        assertThat(history.everExisted(POST)).isTrue();
    }

    @Test
    void hidesAPostFromTheMomentItExpires() {
        Instant expiresAt = NOW.plusSeconds(60);
        commands.sendAndWait(new PublishPostCommand(POST, AUTHOR, "hello", expiresAt, null));

        clock.set(expiresAt.minusMillis(1));
        assertThat(history.find(POST)).isPresent();
        clock.set(expiresAt);
        assertThat(history.find(POST)).isEmpty();
        assertThat(history.everExisted(POST)).isTrue();
    }

    @Test
    void knowsNothingOfAnUnknownPost() {
        assertThat(history.find(POST)).isEmpty();
        assertThat(history.everExisted(POST)).isFalse();
    }
}
