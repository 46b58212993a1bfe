package dev.homefeed.command;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

import java.time.Clock;
import java.time.ZoneOffset;

/** Infrastructure the command side needs from the application: the clock and scheduling (key purge). */
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
}
