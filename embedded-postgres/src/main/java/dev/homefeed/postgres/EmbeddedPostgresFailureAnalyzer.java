package dev.homefeed.postgres;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Prints an embedded-PostgreSQL problem as Spring Boot's short "APPLICATION FAILED TO START" report instead
 * of a stack trace. The description keeps the whole one-line message, fix included, so a grep finds both.
 */
public class EmbeddedPostgresFailureAnalyzer extends AbstractFailureAnalyzer<EmbeddedPostgresException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, EmbeddedPostgresException cause) {
        return new FailureAnalysis(cause.getMessage(),
                "Fix the above and restart, or set SPRING_DATASOURCE_URL to use an external PostgreSQL instead.", cause);
    }
}
