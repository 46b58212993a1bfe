package dev.homefeed.api.feed;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import dev.homefeed.api.support.Http;
import dev.homefeed.api.support.Parallel;
import dev.homefeed.api.support.Tokens;
import dev.homefeed.api.support.Users;
import dev.homefeed.command.api.UserId;
import dev.homefeed.command.api.follow.FollowUserCommand;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * What the home-feed ITs share, as a bean of the test's own application context: a client that calls the API as
 * the service's users do, where the projection stands, and quick ways to build a follow graph.
 */
@Component
class FeedKit {

    private final Environment environment;
    private final JdbcClient jdbc;
    private final Serializer serializer;
    private final CommandGateway commands;

    FeedKit(Environment environment, JdbcClient jdbc, @Qualifier("serializer") Serializer serializer, CommandGateway commands) {
        this.environment = environment;
        this.jdbc = jdbc;
        this.serializer = serializer;
        this.commands = commands;
    }

    FeedClient api() {
        return new FeedClient(http(), tokens());
    }

    FeedProjection projection() {
        return new FeedProjection(jdbc, serializer);
    }

    /** Plain HTTP to this context's server (known once it has started). */
    Http http() {
        return new Http(environment.getRequiredProperty("local.server.port", Integer.class));
    }

    Tokens tokens() {
        return new Tokens(environment);
    }

    /** That many new users following the author, through the command bus, four at a time. */
    List<Long> newFollowers(long author, int count) {
        List<Long> followers = new ArrayList<>();
        List<Callable<Object>> follows = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            long follower = Users.next();
            followers.add(follower);
            follows.add(() -> commands.sendAndWait(new FollowUserCommand(new UserId(follower), new UserId(author))));
        }
        Parallel.run(4, follows);
        return followers;
    }
}
