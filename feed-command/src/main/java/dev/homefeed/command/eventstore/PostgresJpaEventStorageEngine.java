package dev.homefeed.command.eventstore;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.LongStream;

import jakarta.persistence.PersistenceUnitUtil;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.TrackedDomainEventData;
import org.axonframework.eventhandling.TrackedEventData;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.jpa.JpaEventStorageEngine;
import org.axonframework.serialization.Serializer;

/**
 * Axon's JPA storage engine with two changes to how tracking processors read the stream, both measured in replays:
 * <ul>
 *   <li>A PostgreSQL-friendly tracking query. Once a token holds gaps, Axon asks for
 *   {@code global_index > :token OR global_index IN (:gaps)}, which PostgreSQL answers by scanning the primary key
 *   from its first row on every poll (AxonFramework #1241, #2728). A lower bound at the first gap keeps it a range
 *   scan.</li>
 *   <li>Each event's timestamp parsed once. Axon's own {@link #fetchTrackedEvents} parses the stored text with a
 *   general ISO formatter for its gap check, and the message parses it again: together a fifth of a processor
 *   thread's CPU in a replay. Here it is parsed once, by {@link StoredTimestamps}, and handed to the message.</li>
 * </ul>
 * The token arithmetic is Axon's, unchanged; {@link GapSettings} repeats the builder's gap settings because Axon
 * keeps them private.
 * <p>
 * It also tells {@link AppendedPositions} the global index of the last event a command appended, so the command's
 * answer can carry it ({@code Feed-Position}): the sequence assigns it when the entry is persisted.
 */
class PostgresJpaEventStorageEngine extends JpaEventStorageEngine {

    /** The entries the current {@link #appendEvents} call creates, to read their global indexes once persisted. */
    private static final ThreadLocal<List<Object>> APPENDING = new ThreadLocal<>();

    private final TransactionManager transactions;
    private final GapSettings gaps;

    PostgresJpaEventStorageEngine(Builder builder, TransactionManager transactions, GapSettings gaps) {
        super(gaps.applyTo(builder.transactionManager(transactions)));
        this.transactions = transactions;
        this.gaps = gaps;
    }

    /** The gap settings given to Axon's builder, kept here too for the token arithmetic. */
    record GapSettings(Duration timeout, int maxOffset, int cleaningThreshold, long lowestGlobalSequence) {

        Builder applyTo(Builder builder) {
            return builder.gapTimeout((int) timeout.toMillis())
                    .maxGapOffset(maxOffset)
                    .gapCleaningThreshold(cleaningThreshold)
                    .lowestGlobalSequence(lowestGlobalSequence);
        }

        Instant horizon() {
            return GenericEventMessage.clock.instant().minus(timeout);
        }
    }

    @Override
    protected void appendEvents(List<? extends EventMessage<?>> events, Serializer serializer) {
        List<Object> entries = new ArrayList<>(events.size());
        APPENDING.set(entries);
        try {
            super.appendEvents(events, serializer);
        } finally {
            APPENDING.remove();
        }
        // Axon's entry has no getter for its id; JPA hands it out.
        PersistenceUnitUtil ids = entityManager().getEntityManagerFactory().getPersistenceUnitUtil();
        long last = entries.stream().map(ids::getIdentifier).filter(Long.class::isInstance).mapToLong(Long.class::cast)
                .max().orElse(0);
        if (last > 0) {
            AppendedPositions.appended(last);
        }
    }

    @Override
    protected Object createEventEntity(EventMessage<?> eventMessage, Serializer serializer) {
        Object entry = super.createEventEntity(eventMessage, serializer);
        List<Object> entries = APPENDING.get();
        if (entries != null) {
            entries.add(entry);
        }
        return entry;
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

    @Override
    protected List<? extends TrackedEventData<?>> fetchTrackedEvents(TrackingToken lastToken, int batchSize) {
        if (lastToken != null && !(lastToken instanceof GapAwareTrackingToken)) {
            throw new IllegalArgumentException("Token [" + lastToken + "] is of the wrong type. Expected [GapAwareTrackingToken]");
        }
        GapAwareTrackingToken previous = cleaned((GapAwareTrackingToken) lastToken);
        List<Object[]> rows = transactions.fetchInTransaction(() -> fetchEvents(previous));
        Instant horizon = gaps.horizon();
        List<TrackedEventData<?>> events = new ArrayList<>(rows.size());
        GapAwareTrackingToken token = previous;
        for (Object[] row : rows) {
            long globalIndex = (Long) row[0];
            String aggregateIdentifier = (String) row[2];
            String eventIdentifier = (String) row[4];
            String storedTimestamp = (String) row[5];
            Instant timestamp = StoredTimestamps.parse(storedTimestamp);
            StoredEvent event = new StoredEvent((String) row[1],
                    eventIdentifier.equals(aggregateIdentifier) ? null : aggregateIdentifier, (Long) row[3],
                    eventIdentifier, storedTimestamp, timestamp, (String) row[6], (String) row[7], row[8], row[9]);
            boolean allowGaps = timestamp.isAfter(horizon);
            if (token == null) {
                token = GapAwareTrackingToken.newInstance(globalIndex, allowGaps
                        ? LongStream.range(Math.min(gaps.lowestGlobalSequence(), globalIndex), globalIndex)
                                .boxed().collect(Collectors.toCollection(TreeSet::new))
                        : Collections.emptySortedSet());
            } else {
                token = token.advanceTo(globalIndex, allowGaps ? gaps.maxOffset() : 0);
            }
            events.add(new TrackedDomainEventData<>(token, event));
        }
        return events;
    }

    /** Axon's gap cleaning: gaps older than the timeout, up to the first recent or filled one, are given up. */
    private GapAwareTrackingToken cleaned(GapAwareTrackingToken token) {
        if (token == null || token.getGaps().size() <= gaps.cleaningThreshold()) {
            return token;
        }
        List<Object[]> indexToTimestamp = transactions.fetchInTransaction(() -> entityManager()
                .createQuery("SELECT e.globalIndex, e.timeStamp FROM " + domainEventEntryEntityName() + " e "
                        + "WHERE e.globalIndex >= :firstGap AND e.globalIndex <= :lastGap", Object[].class)
                .setParameter("firstGap", token.getGaps().first())
                .setParameter("lastGap", token.getGaps().last() + 1L)
                .getResultList());
        Instant horizon = gaps.horizon();
        GapAwareTrackingToken cleaned = token;
        for (Object[] row : indexToTimestamp) {
            long globalIndex = (Long) row[0];
            if (cleaned.getGaps().contains(globalIndex) || StoredTimestamps.parse((String) row[1]).isAfter(horizon)) {
                return cleaned;
            }
            if (cleaned.getGaps().contains(globalIndex - 1)) {
                cleaned = cleaned.withGapsTruncatedAt(globalIndex);
            }
        }
        return cleaned;
    }

    /** Axon's stored event with its timestamp already parsed, so the message does not parse it again. */
    private static final class StoredEvent extends GenericDomainEventEntry<Object> {

        private final Instant timestamp;

        StoredEvent(String type, String aggregateIdentifier, long sequenceNumber, String eventIdentifier,
                    String storedTimestamp, Instant timestamp, String payloadType, String payloadRevision,
                    Object payload, Object metaData) {
            super(type, aggregateIdentifier, sequenceNumber, eventIdentifier, storedTimestamp, payloadType,
                    payloadRevision, payload, metaData);
            this.timestamp = timestamp;
        }

        @Override
        public Instant getTimestamp() {
            return timestamp;
        }
    }
}
