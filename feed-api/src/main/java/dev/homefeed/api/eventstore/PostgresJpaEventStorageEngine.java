package dev.homefeed.api.eventstore;

import java.util.List;

import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventsourcing.eventstore.jpa.JpaEventStorageEngine;

/**
 * Axon's JPA storage engine with a PostgreSQL-friendly tracking query. Once a token holds gaps, Axon asks for
 * {@code global_index > :token OR global_index IN (:gaps)}, which PostgreSQL answers by scanning the primary key
 * from its first row on every poll (AxonFramework #1241, #2728). A lower bound at the first gap keeps it a range scan.
 */
class PostgresJpaEventStorageEngine extends JpaEventStorageEngine {

    PostgresJpaEventStorageEngine(Builder builder) {
        super(builder);
    }

    @Override
    protected List<Object[]> fetchEvents(GapAwareTrackingToken token) {
        if (token == null || token.getGaps().isEmpty()) {
            return super.fetchEvents(token);
        }
        return entityManager().createQuery(
                        "SELECT e.globalIndex, e.type, e.aggregateIdentifier, e.sequenceNumber, e.eventIdentifier, "
                                + "e.timeStamp, e.payloadType, e.payloadRevision, e.payload, e.metaData "
                                + "FROM " + domainEventEntryEntityName() + " e "
                                + "WHERE e.globalIndex >= :firstGap "
                                + "AND (e.globalIndex > :token OR e.globalIndex IN :gaps) "
                                + "ORDER BY e.globalIndex ASC",
                        Object[].class)
                .setParameter("firstGap", token.getGaps().first())
                .setParameter("token", token.getIndex())
                .setParameter("gaps", token.getGaps())
                .setMaxResults(batchSize())
                .getResultList();
    }
}
