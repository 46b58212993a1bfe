package dev.homefeed.query.homefeed;

import dev.homefeed.query.api.ProjectionNames;
import org.axonframework.config.ConfigurerModule;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The home-feed processing group's ordering. Segment count, threads and batch size are properties keyed by group. */
@Configuration(proxyBeanMethods = false)
class HomeFeedProcessingConfiguration {

    @Bean
    ConfigurerModule homeFeedSequencing() {
        return configurer -> configurer.eventProcessing()
                .registerSequencingPolicy(ProjectionNames.HOME_FEED, c -> AuthorSequencingPolicy.INSTANCE);
    }
}
