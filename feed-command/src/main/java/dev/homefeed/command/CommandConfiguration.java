package dev.homefeed.command;

import java.util.concurrent.Executors;

import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.axonframework.commandhandling.gateway.IntervalRetryScheduler;
import org.axonframework.modelling.command.ConcurrencyException;
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

    /**
     * Axon's gateway with a retry: two instances handling commands on one aggregate at once both load it and both
     * append the same sequence number; the event store's unique key refuses the second ({@code ConcurrencyException},
     * transient), and the retry loads the aggregate again, so an edit without {@code If-Match} goes through and one
     * with a stale {@code If-Match} meets the newer version ({@code ConflictingAggregateVersionException},
     * non-transient: 412, never retried).
     */
    @Bean
    CommandGateway commandGateway(CommandBus commandBus) {
        return DefaultCommandGateway.builder()
                .commandBus(commandBus)
                .retryScheduler(IntervalRetryScheduler.builder()
                        .retryExecutor(Executors.newSingleThreadScheduledExecutor(r -> {
                            Thread thread = new Thread(r, "command-retry");
                            thread.setDaemon(true);
                            return thread;
                        }))
                        // Only a lost append race is worth another try; anything else would fail the same way again.
                        .nonTransientFailurePredicate(failure -> !lostAnAppendRace(failure))
                        .retryInterval(20)
                        .maxRetryCount(5)
                        .build())
                .build();
    }

    private static boolean lostAnAppendRace(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof ConcurrencyException) {
                return true;
            }
        }
        return false;
    }
}
