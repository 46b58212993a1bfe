package dev.homefeed.command;

import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

import java.time.Clock;
import java.time.ZoneOffset;

/** Infrastructure the command side needs from the application: the clock, scheduling and the command gateway. */
@Configuration
@EnableScheduling
class CommandConfiguration {

    /**
     * Ticks in whole milliseconds: the API writes instants with three fraction digits, so an event
     * time with more would not survive a round trip through a client or a cursor. Aggregates get it
     * as a command-handler parameter, so there must be exactly one {@link Clock} bean.
     */
    @Bean
    Clock clock() {
        return Clock.tickMillis(ZoneOffset.UTC);
    }

    /** Axon's gateway, retrying a command that lost an append race to another instance ({@link AppendRaceRetry}). */
    @Bean
    CommandGateway commandGateway(CommandBus commandBus) {
        return DefaultCommandGateway.builder().commandBus(commandBus).retryScheduler(new AppendRaceRetry()).build();
    }
}
