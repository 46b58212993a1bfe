package dev.homefeed.query.cursor;

import dev.homefeed.query.api.ProjectionNames;
import dev.homefeed.query.ops.batching.EventBatches;
import dev.homefeed.query.ops.generation.ProjectionGenerations;
import dev.homefeed.query.ops.lifecycle.StopAwareEventSource;
import dev.homefeed.query.ops.rebuild.RebuildProcessors;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.springboot.EventProcessorProperties;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The read-marker processing groups: the serving one and its rebuild twin, both ordered by viewer. Mode, segments and
 * batch size are properties keyed by the serving group; the rebuild processor copies them.
 */
@Configuration(proxyBeanMethods = false)
class ReadMarkerProcessingConfiguration {

    /** The stream the serving processor reads: its {@code source} in application.yml. */
    @Bean
    StopAwareEventSource readMarkerEvents(EventStore eventStore, ObjectProvider<EventProcessingConfiguration> processing) {
        return StopAwareEventSource.forProcessor(eventStore, processing::getObject, ProjectionNames.READ_MARKER);
    }

    @Bean
    ConfigurerModule readMarkerProcessing(EventProcessorProperties properties, ObjectProvider<JdbcClient> jdbc,
                                          ObjectProvider<EventBatches> batches, ObjectProvider<ProjectionGenerations> generations) {
        String rebuild = RebuildProcessors.group(ProjectionNames.READ_MARKER);
        return configurer -> {
            configurer.eventProcessing()
                    .registerSequencingPolicy(ProjectionNames.READ_MARKER, c -> ViewerSequencingPolicy.INSTANCE);
            RebuildProcessors.register(configurer.eventProcessing(), ProjectionNames.READ_MARKER, properties,
                    c -> ViewerSequencingPolicy.INSTANCE,
                    c -> new ReadMarkerProjector(rebuild, jdbc.getObject(), batches.getObject(), generations.getObject()),
                    handler -> handler instanceof ReadMarkerProjector p && p.processingGroup().equals(rebuild));
        };
    }
}
