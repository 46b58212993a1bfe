package dev.homefeed.query.homefeed;

import dev.homefeed.query.api.ProjectionNames;
import dev.homefeed.query.ops.batching.EventBatches;
import dev.homefeed.query.ops.lifecycle.StopAwareEventSource;
import dev.homefeed.query.ops.rebuild.RebuildProcessors;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.async.SequencingPolicy;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.springboot.EventProcessorProperties;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.function.Function;

/**
 * The home-feed processing groups: the serving one and its rebuild twin, both ordered by author. Segment count,
 * threads and batch size are properties keyed by the serving group; the rebuild processor copies them.
 */
@Configuration(proxyBeanMethods = false)
class HomeFeedProcessingConfiguration {

    /** The stream the serving processor reads: its {@code source} in application.yml. */
    @Bean
    StopAwareEventSource homeFeedEvents(EventStore eventStore, ObjectProvider<EventProcessingConfiguration> processing) {
        return StopAwareEventSource.forProcessor(eventStore, processing::getObject, ProjectionNames.HOME_FEED);
    }

    @Bean
    ConfigurerModule homeFeedProcessing(EventProcessorProperties properties, ObjectProvider<HomeFeedPipeline> pipeline,
                                        ObjectProvider<EventBatches> batches) {
        String rebuild = RebuildProcessors.group(ProjectionNames.HOME_FEED);
        Function<org.axonframework.config.Configuration, SequencingPolicy<? super EventMessage<?>>> byAuthor =
                c -> new AuthorSequencingPolicy(c.eventSerializer());
        return configurer -> {
            configurer.eventProcessing()
                    .registerSequencingPolicy(ProjectionNames.HOME_FEED, byAuthor);
            RebuildProcessors.register(configurer.eventProcessing(), ProjectionNames.HOME_FEED, properties, byAuthor,
                    c -> new HomeFeedProjector(rebuild, pipeline.getObject(), batches.getObject()),
                    handler -> handler instanceof HomeFeedProjector p && p.processingGroup().equals(rebuild));
        };
    }
}
