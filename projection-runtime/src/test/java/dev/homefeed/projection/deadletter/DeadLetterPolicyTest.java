package dev.homefeed.projection.deadletter;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.deadletter.Cause;
import org.axonframework.messaging.deadletter.DeadLetter;
import org.axonframework.messaging.deadletter.EnqueueDecision;
import org.axonframework.messaging.deadletter.GenericDeadLetter;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;

class DeadLetterPolicyTest {

    private final DeadLetter<EventMessage<?>> letter =
            new GenericDeadLetter<>("author-1", GenericEventMessage.asEventMessage("poison"));

    @Test
    void aCauseLongerThanTheQueueColumnIsParkedTruncated() {
        RuntimeException failure = new IllegalStateException("ERROR: " + "x".repeat(5_000));

        EnqueueDecision<EventMessage<?>> decision = DeadLetterPolicy.countingAttempts().decide(letter, failure);

        assertThat(decision.shouldEnqueue()).isTrue();
        Cause parked = (Cause) decision.enqueueCause().orElseThrow();
        assertThat(parked.message()).startsWith("ERROR: xxx").hasSizeLessThanOrEqualTo(1_023);
        assertThat(parked.type()).isEqualTo(IllegalStateException.class.getName());
    }

    @Test
    void theDatabasesOwnErrorIsKeptRatherThanTheWrapperThatLeadsWithTheStatement() {
        SQLException database = new SQLException("ERROR: new row for relation \"user_feed\" violates check constraint \"no_poison\"");
        RuntimeException failure = new DataIntegrityViolationException(
                "PreparedStatementCallback; SQL [" + "INSERT INTO home_feed_g1.user_feed ".repeat(40) + "]; " + database.getMessage(),
                database);

        Cause parked = (Cause) DeadLetterPolicy.countingAttempts().decide(letter, failure).enqueueCause().orElseThrow();

        assertThat(parked.message()).isEqualTo(database.getMessage());
    }

    @Test
    void everyFailureCountsAnAttempt() {
        DeadLetter<? extends EventMessage<?>> once = DeadLetterPolicy.countingAttempts()
                .decide(letter, new RuntimeException("once")).withDiagnostics(letter);
        @SuppressWarnings("unchecked")
        DeadLetter<? extends EventMessage<?>> twice = DeadLetterPolicy.countingAttempts()
                .decide((DeadLetter<EventMessage<?>>) once, new RuntimeException("twice"))
                .withDiagnostics((DeadLetter<EventMessage<?>>) once);

        assertThat(once.diagnostics().get(DeadLetterPolicy.ATTEMPTS)).isEqualTo(1);
        assertThat(twice.diagnostics().get(DeadLetterPolicy.ATTEMPTS)).isEqualTo(2);
    }
}
