package dev.homefeed.projection;

import java.util.concurrent.TimeUnit;

import dev.homefeed.projection.commits.AsynchronousCommits;
import dev.homefeed.projection.deadletter.DeadLetterPolicy;
import dev.homefeed.projection.lifecycle.StopAwareEventSource;
import org.axonframework.common.jpa.EntityManagerProvider;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.eventhandling.deadletter.jpa.JpaSequencedDeadLetterQueue;
import org.axonframework.messaging.StreamableMessageSource;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Every {@link Projection} bean gets two tracking processors, configured alike in this one place: the serving one,
 * named as the projection, and its rebuild twin ({@link Projections#rebuildGroup}), which stays stopped until a
 * rebuild resets its tokens to the first event. Both read the event store through a {@link StopAwareEventSource},
 * are ordered by the projection's sequencing policy, park poison events in Axon's JPA dead-letter queue, and commit
 * asynchronously ({@link AsynchronousCommits}: registered per group, never as Axon's default, because the command
 * side's subscribing lookups run inside the command's own transaction). Each group gets its own projector instance,
 * matched by identity, so the serving projector never handles the rebuild's events or the other way round.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ProjectionProperties.class)
public class ProjectionRuntimeConfiguration {

    @Bean
    ConfigurerModule projectionProcessors(Projections projections, ProjectionProperties properties, JdbcClient jdbc) {
        return configurer -> {
            EventProcessingConfigurer processing = configurer.eventProcessing();
            for (Projection projection : projections.all()) {
                ProcessorSettings settings = properties.processor(projection.name());
                register(processing, projection, projection.name(), settings, true, jdbc);
                register(processing, projection, Projections.rebuildGroup(projection.name()), settings, false, jdbc);
            }
        };
    }

    private static void register(EventProcessingConfigurer processing, Projection projection, String group,
                                 ProcessorSettings settings, boolean serving, JdbcClient jdbc) {
        Object projector = projection.projector(group);
        processing
                .registerTrackingEventProcessor(group,
                        c -> StopAwareEventSource.forProcessor(c.eventStore(), c::eventProcessingConfiguration, group),
                        c -> {
                            TrackingEventProcessorConfiguration tuning = TrackingEventProcessorConfiguration
                                    .forParallelProcessing(settings.threads())
                                    .andInitialSegmentsCount(settings.segments())
                                    .andBatchSize(settings.batchSize())
                                    .andTokenClaimInterval(settings.tokenClaimInterval().toMillis(), TimeUnit.MILLISECONDS);
                            // The rebuild twin is started by a rebuild only; should it ever start on its own, at the head.
                            return serving ? tuning : tuning.andAutoStart(false)
                                    .andInitialTrackingToken(StreamableMessageSource::createHeadToken);
                        })
                .registerSequencingPolicy(group, projection::sequencing)
                .registerDeadLetterQueue(group, c -> JpaSequencedDeadLetterQueue.builder()
                        .processingGroup(group)
                        .entityManagerProvider(c.getComponent(EntityManagerProvider.class))
                        .transactionManager(c.getComponent(TransactionManager.class))
                        .genericSerializer(c.serializer())
                        .eventSerializer(c.eventSerializer())
                        .build())
                .registerDeadLetteringEventHandlerInvokerConfiguration(group,
                        (c, builder) -> builder.allowReset(true).enableSequenceIdentifierCache())
                .registerDeadLetterPolicy(group, c -> DeadLetterPolicy.countingAttempts())
                .registerTransactionManager(group, c -> new AsynchronousCommits(c.getComponent(TransactionManager.class), jdbc))
                .registerEventHandler(c -> projector)
                .assignHandlerInstancesMatching(group, Integer.MAX_VALUE, handler -> handler == projector);
    }
}
