package dev.homefeed.command.post;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.concurrent.TimeUnit;

/** Forgets idempotency keys older than {@code feed.idempotency.retention}, a bounded batch per statement. */
@Component
class IdempotencyKeyPurge {

    /** The HTTP contract promises that keys are kept at least this long. */
    static final Duration MIN_RETENTION = Duration.ofHours(24);
    static final int BATCH_SIZE = 1_000;

    private final JdbcClient jdbc;
    private final Clock clock;
    private final Duration retention;

    IdempotencyKeyPurge(JdbcClient jdbc, Clock clock,
                        @Value("${feed.idempotency.retention:P7D}") Duration retention) {
        if (retention.compareTo(MIN_RETENTION) < 0) {
            throw new IllegalArgumentException(
                    "feed.idempotency.retention must be at least PT24H, was " + retention);
        }
        this.jdbc = jdbc;
        this.clock = clock;
        this.retention = retention;
    }

    @Scheduled(initialDelay = 1, fixedDelay = 60, timeUnit = TimeUnit.MINUTES)
    void purge() {
        OffsetDateTime cutoff = OffsetDateTime.ofInstant(clock.instant().minus(retention), ZoneOffset.UTC);
        int deleted;
        do {
            // Each batch commits on its own, so no purge holds many row locks or a long transaction.
            deleted = jdbc.sql("""
                            DELETE FROM post_idempotency_key
                            WHERE (author_id, idempotency_key) IN (
                                SELECT author_id, idempotency_key FROM post_idempotency_key
                                WHERE created_at < :cutoff
                                LIMIT :batchSize)""")
                    .param("cutoff", cutoff)
                    .param("batchSize", BATCH_SIZE)
                    .update();
        } while (deleted == BATCH_SIZE);
    }
}
