package dev.homefeed.query.cursor;

import dev.homefeed.query.api.ProjectionNames;
import org.axonframework.config.ConfigurerModule;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The read-marker processing group's ordering. Mode, segments and batch size are properties keyed by group. */
@Configuration(proxyBeanMethods = false)
class ReadMarkerProcessingConfiguration {

    @Bean
    ConfigurerModule readMarkerSequencing() {
        return configurer -> configurer.eventProcessing()
                .registerSequencingPolicy(ProjectionNames.READ_MARKER, c -> ViewerSequencingPolicy.INSTANCE);
    }
}
