package dev.homefeed.command.eventstore;

import java.time.Duration;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.homefeed.command.erasure.PersonalDataSeal;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.common.jpa.EntityManagerProvider;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jpa.JpaEventStorageEngine;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.correlation.MessageOriginProvider;
import org.axonframework.serialization.RevisionResolver;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.springboot.util.RegisterDefaultEntities;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;

/**
 * Axon's event store in PostgreSQL through JPA, and how Axon's messages are serialized and correlated. Declaring the
 * engine makes Axon's JPA event-store auto-configuration back off, and with it the registration of its entities,
 * hence {@link RegisterDefaultEntities}. Declaring the serializer makes Axon's serializer beans back off.
 */
@Configuration(proxyBeanMethods = false)
@RegisterDefaultEntities(packages = "org.axonframework.eventsourcing.eventstore.jpa")
class EventStoreConfiguration {

    /**
     * A gap older than five minutes is given up; generous, because a slow commit must not be skipped (AxonFramework
     * #4829). The rest are Axon's defaults.
     */
    private static final PostgresJpaEventStorageEngine.GapSettings GAPS =
            new PostgresJpaEventStorageEngine.GapSettings(Duration.ofMinutes(5), 10_000, 250, 1);
    private static final int FETCH_SIZE = 1000;

    /**
     * Jackson for events, messages and snapshots alike, on Spring's {@link ObjectMapper}, as Axon would build it, with
     * personal data sealed under its user's key.
     */
    @Bean
    @Primary
    Serializer serializer(RevisionResolver revisionResolver, ObjectMapper objectMapper, PersonalDataSeal seal) {
        return new SealingJacksonSerializer(JacksonSerializer.builder()
                .revisionResolver(revisionResolver)
                .objectMapper(objectMapper), seal);
    }

    @Bean
    @Qualifier("messageSerializer")
    Serializer messageSerializer(Serializer serializer) {
        return serializer;
    }

    @Bean
    @Qualifier("eventSerializer")
    Serializer eventSerializer(Serializer serializer) {
        return serializer;
    }

    /**
     * Events carry the correlation and trace id of the command that caused them, as with Axon's default provider;
     * messages sent while handling an event would carry none. No event handler here sends any, and the default
     * provider deserialized every processed event's metadata for them: a tenth of a processor thread's CPU in a
     * replay. An event handler that sends commands or events should bring the default back.
     */
    @Bean
    CorrelationDataProvider commandOrigin() {
        MessageOriginProvider origin = new MessageOriginProvider();
        return message -> message instanceof EventMessage<?> ? Map.of() : origin.correlationDataFor(message);
    }

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
                // Events per query when a processor reads the stream: one query per projector batch in a replay.
                .batchSize(FETCH_SIZE), transactionManager, GAPS);
    }
}
