package dev.homefeed.projection.deadletter;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.deadletter.Decisions;
import org.axonframework.messaging.deadletter.EnqueuePolicy;
import org.axonframework.messaging.deadletter.ThrowableCause;
import org.springframework.core.NestedExceptionUtils;

/**
 * How a poison event is parked in a projection's dead-letter queue: every failure counts an attempt, which drives
 * the backoff of {@link DeadLetters}. Parked letters are sequenced by the group's own sequencing policy, so later
 * events of the same sequence wait behind a parked one; a replay clears the queue.
 */
public final class DeadLetterPolicy {

    static final String ATTEMPTS = "attempts";

    private DeadLetterPolicy() {
    }

    /**
     * The cause kept is the most specific one (the database's own error rather than Spring's wrapper, which leads
     * with the statement's SQL), truncated as Axon's default policy does: the queue's column holds 1,023 characters,
     * and a longer message would make parking the event fail, stalling the segment.
     */
    public static EnqueuePolicy<EventMessage<?>> countingAttempts() {
        return (letter, cause) -> Decisions.requeue(ThrowableCause.truncated(NestedExceptionUtils.getMostSpecificCause(cause)),
                l -> l.diagnostics().and(ATTEMPTS, attempts(l.diagnostics().get(ATTEMPTS)) + 1));
    }

    static int attempts(Object stored) {
        return stored instanceof Number n ? n.intValue() : 0;
    }
}
