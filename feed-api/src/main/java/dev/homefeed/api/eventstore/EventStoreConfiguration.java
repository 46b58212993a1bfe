package dev.homefeed.api.eventstore;

import java.time.Duration;

import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.common.jpa.EntityManagerProvider;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jpa.JpaEventStorageEngine;
import org.axonframework.serialization.Serializer;
import org.axonframework.springboot.util.RegisterDefaultEntities;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Axon's event store in PostgreSQL through JPA. Declaring the engine makes Axon's JPA event-store auto-configuration
 * back off, and with it the registration of its entities, hence {@link RegisterDefaultEntities}.
 */
@Configuration(proxyBeanMethods = false)
@RegisterDefaultEntities(packages = "org.axonframework.eventsourcing.eventstore.jpa")
class EventStoreConfiguration {

    /** A gap older than this is given up; generous, because a slow commit must not be skipped (AxonFramework #4829). */
    private static final Duration GAP_TIMEOUT = Duration.ofMinutes(5);
    private static final int FETCH_SIZE = 1000;

    @Bean
    EventStorageEngine eventStorageEngine(Serializer defaultSerializer,
                                          PersistenceExceptionResolver persistenceExceptionResolver,
                                          @Qualifier("eventSerializer") Serializer eventSerializer,
                                          org.axonframework.config.Configuration configuration,
                                          EntityManagerProvider entityManagerProvider,
                                          TransactionManager transactionManager) {
        return new PostgresJpaEventStorageEngine(JpaEventStorageEngine.builder()
                .snapshotSerializer(defaultSerializer)
                .upcasterChain(configuration.upcasterChain())
                .persistenceExceptionResolver(persistenceExceptionResolver)
                .eventSerializer(eventSerializer)
                .snapshotFilter(configuration.snapshotFilter())
                .entityManagerProvider(entityManagerProvider)
                .transactionManager(transactionManager)
                .gapTimeout((int) GAP_TIMEOUT.toMillis())
                // Events per query when a processor reads the stream: one query per projector batch in a replay.
                .batchSize(FETCH_SIZE));
    }
}
