package dev.homefeed.command.post;

import org.axonframework.config.Configuration;
import org.axonframework.config.DefaultConfigurer;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;

import java.time.Clock;

/** Posts on a real Axon configuration: SimpleCommandBus, gateway, event-sourcing repository, in-memory events. */
final class AxonPosts {

    private AxonPosts() {
    }

    static Configuration start(Clock clock) {
        return DefaultConfigurer.defaultConfiguration()
                .configureEmbeddedEventStore(c -> new InMemoryEventStorageEngine())
                .configureAggregate(Post.class)
                .registerCommandHandler(c -> new PostCommandHandler(
                        c.repository(Post.class), new InMemoryIdempotencyKeys(), clock))
                .start();
    }
}
