package dev.homefeed.projection.deadletter;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

import dev.homefeed.projection.Projections;
import dev.homefeed.projection.api.DeadLetterPage;
import dev.homefeed.projection.api.DeadLetterPosition;
import dev.homefeed.projection.api.DeadLetterRetry;
import dev.homefeed.projection.api.DeadLetterView;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.deadletter.DeadLetter;
import org.axonframework.messaging.deadletter.SequencedDeadLetterProcessor;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The projections' dead letters: listed from Axon's {@code dead_letter_entry}, retried through Axon's dead-letter
 * processor (in the background with exponential backoff from 1 minute up to 1 hour, or on request), evicted by id.
 */
@Component
public class DeadLetters {

    private static final Logger log = LoggerFactory.getLogger(DeadLetters.class);
    private static final Duration FIRST_BACKOFF = Duration.ofMinutes(1);
    private static final Duration MAX_BACKOFF = Duration.ofHours(1);

    private final JdbcClient jdbc;
    private final EventProcessingConfiguration processing;
    private final Serializer serializer;
    private final Clock clock;
    private final Projections projections;

    DeadLetters(JdbcClient jdbc, EventProcessingConfiguration processing, @Qualifier("serializer") Serializer serializer,
                Clock clock, Projections projections) {
        this.projections = projections;
        this.jdbc = jdbc;
        this.processing = processing;
        this.serializer = serializer;
        this.clock = clock;
    }

    public DeadLetterPage page(String group, int limit, DeadLetterPosition after) {
        record Row(DeadLetterView view, long index) {
        }
        List<Row> rows = jdbc.sql("""
                SELECT dead_letter_id, sequence_identifier, sequence_index, event_identifier, payload_type, token,
                       token_type, enqueued_at, last_touched, cause_message, diagnostics
                FROM dead_letter_entry
                WHERE processing_group = :group AND (sequence_identifier, sequence_index) > (:sequence, :index)
                ORDER BY sequence_identifier, sequence_index
                LIMIT :limit""")
                .param("group", group)
                .param("sequence", after == null ? "" : after.sequenceId())
                .param("index", after == null ? -1 : after.sequenceIndex())
                .param("limit", limit + 1)
                .query((rs, i) -> new Row(new DeadLetterView(rs.getString(1), rs.getString(2), rs.getString(4),
                        simpleName(rs.getString(5)), globalIndex(rs.getBytes(6), rs.getString(7)),
                        rs.getObject(8, OffsetDateTime.class).toInstant(),
                        Optional.ofNullable(rs.getObject(9, OffsetDateTime.class)).map(OffsetDateTime::toInstant).orElse(null),
                        attempts(rs.getBytes(11)), readableCause(rs.getString(10))), rs.getLong(3)))
                .list();
        if (rows.size() <= limit) {
            return new DeadLetterPage(rows.stream().map(Row::view).toList(), null);
        }
        Row last = rows.get(limit - 1);
        return new DeadLetterPage(rows.subList(0, limit).stream().map(Row::view).toList(),
                new DeadLetterPosition(last.view().sequenceId(), last.index()));
    }

    public long count(String group) {
        return jdbc.sql("SELECT count(*) FROM dead_letter_entry WHERE processing_group = :group")
                .param("group", group).query(Long.class).single();
    }

    /** Tries every parked sequence once, now. */
    public DeadLetterRetry retryAll(String group) {
        SequencedDeadLetterProcessor<EventMessage<?>> processor = processor(group);
        long sequences = jdbc.sql("SELECT count(DISTINCT sequence_identifier) FROM dead_letter_entry WHERE processing_group = :group")
                .param("group", group).query(Long.class).single();
        int succeeded = 0;
        for (int i = 0; i < sequences; i++) {
            if (processor.processAny()) {
                succeeded++;
            }
        }
        DeadLetterRetry outcome = new DeadLetterRetry((int) sequences, succeeded, count(group));
        log.info("Dead letters of {} retried on request: {}", group, outcome);
        return outcome;
    }

    /** Evicts one letter for good; false when the group holds no letter with this id. */
    public boolean evict(String group, String id) {
        int deleted = jdbc.sql("DELETE FROM dead_letter_entry WHERE processing_group = :group AND dead_letter_id = :id")
                .param("group", group).param("id", id).update();
        if (deleted > 0) {
            log.warn("Dead letter {} of {} evicted on request: its event will never be applied", id, group);
        }
        return deleted > 0;
    }

    @Scheduled(fixedDelayString = "${feed.projections.dead-letter-retry-interval:30s}")
    void retryDue() {
        for (String group : projections.processingGroups()) {
            if (count(group) == 0) {
                continue;
            }
            SequencedDeadLetterProcessor<EventMessage<?>> processor = processor(group);
            int bound = 100;
            while (bound-- > 0 && processor.process(this::due)) {
                log.info("A dead-lettered sequence of {} was applied on a background retry", group);
            }
        }
    }

    private boolean due(DeadLetter<? extends EventMessage<?>> letter) {
        int attempts = Math.max(1, DeadLetterPolicy.attempts(letter.diagnostics().get(DeadLetterPolicy.ATTEMPTS)));
        return !letter.lastTouched().plus(backoff(attempts)).isAfter(clock.instant());
    }

    static Duration backoff(int attempts) {
        Duration backoff = FIRST_BACKOFF.multipliedBy(1L << Math.min(attempts - 1, 10));
        return backoff.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff;
    }

    private SequencedDeadLetterProcessor<EventMessage<?>> processor(String group) {
        return processing.sequencedDeadLetterProcessor(group)
                .orElseThrow(() -> new IllegalStateException("no dead-letter queue for " + group));
    }

    private Long globalIndex(byte[] token, String type) {
        if (token == null || type == null) {
            return null;
        }
        TrackingToken t = serializer.deserialize(new SimpleSerializedObject<>(token, byte[].class, type, null));
        return t == null || t.position().isEmpty() ? null : t.position().getAsLong();
    }

    private int attempts(byte[] diagnostics) {
        if (diagnostics == null) {
            return 0;
        }
        MetaData metaData = serializer.deserialize(
                new SimpleSerializedObject<>(diagnostics, byte[].class, MetaData.class.getName(), null));
        return DeadLetterPolicy.attempts(metaData.get(DeadLetterPolicy.ATTEMPTS));
    }

    private static String simpleName(String type) {
        return type.substring(type.lastIndexOf('.') + 1);
    }

    /** The database's own message ("ERROR: … violates …") without the statement Spring prefixes it with. */
    static String readableCause(String message) {
        if (message == null) {
            return null;
        }
        int error = message.lastIndexOf("ERROR: ");
        String cause = error >= 0 ? message.substring(error) : message;
        int sql = cause.indexOf("SQL [");
        if (sql >= 0) {
            cause = "the handler's statement failed";
        }
        return cause.lines().findFirst().orElse(cause);
    }
}
