package dev.homefeed.command.follow;

import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration
class FollowingLookupConfiguration {

    /**
     * Subscribing: the lookup is written in the publishing thread, inside the command's unit of work
     * and transaction. Propagating errors: Axon's default only logs a failed handler, which would
     * commit the follow while the lookup misses it; this fails the command instead.
     */
    @Bean
    ConfigurerModule followingLookupProcessor() {
        return configurer -> configurer.eventProcessing(processing -> processing
                .registerSubscribingEventProcessor(FollowingLookup.PROCESSING_GROUP)
                .registerListenerInvocationErrorHandler(FollowingLookup.PROCESSING_GROUP,
                                                        config -> PropagatingErrorHandler.instance()));
    }
}
