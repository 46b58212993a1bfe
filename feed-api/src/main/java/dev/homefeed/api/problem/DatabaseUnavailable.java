package dev.homefeed.api.problem;

import java.time.Duration;

import dev.homefeed.api.outage.DatabaseFailures;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

/**
 * A request that failed because PostgreSQL is away: {@code 503} with a problem of its own and {@code Retry-After},
 * never a {@code 500}. The connection pool gives up on a connection after
 * {@code spring.datasource.hikari.connection-timeout}, so these answers come within about two seconds. A command
 * caught by a failure at its commit may or may not have committed: a client retries it with the same
 * {@code Idempotency-Key}, which is what the header is for.
 */
final class DatabaseUnavailable {

    static final Duration RETRY_AFTER = Duration.ofSeconds(2);

    private static final DatabaseFailures reports =
            new DatabaseFailures(LoggerFactory.getLogger(DatabaseUnavailable.class), "answering 503");

    private DatabaseUnavailable() {
    }

    static ResponseEntity<ProblemDetail> answer(Throwable failure) {
        reports.report(failure);
        ProblemDetail problem = Problems.of(HttpStatus.SERVICE_UNAVAILABLE, "database-unavailable", "Database unavailable",
                "The service cannot reach its database just now; nothing about the request is wrong. Retry after "
                        + RETRY_AFTER.toSeconds() + " s; repeat a post with the same Idempotency-Key.");
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, Long.toString(RETRY_AFTER.toSeconds()))
                .body(problem);
    }
}
