package dev.homefeed.command.post;

import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration
class PostByAuthorLookupConfiguration {

    /** Subscribing and propagating, as the following lookup: a failed row fails the command instead of missing. */
    @Bean
    ConfigurerModule postByAuthorLookupProcessor() {
        return configurer -> configurer.eventProcessing(processing -> processing
                .registerSubscribingEventProcessor(PostByAuthorLookup.PROCESSING_GROUP)
                .registerListenerInvocationErrorHandler(PostByAuthorLookup.PROCESSING_GROUP,
                        config -> PropagatingErrorHandler.instance()));
    }
}
