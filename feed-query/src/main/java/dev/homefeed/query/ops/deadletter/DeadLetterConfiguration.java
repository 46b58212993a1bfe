package dev.homefeed.query.ops.deadletter;

import dev.homefeed.query.ops.generation.ProjectionGenerations;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.messaging.deadletter.Decisions;
import org.axonframework.messaging.deadletter.ThrowableCause;
import org.axonframework.messaging.deadletter.EnqueuePolicy;
import org.axonframework.eventhandling.EventMessage;
import org.springframework.context.annotation.Bean;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.context.annotation.Configuration;

/**
 * Poison events of both projections are parked in Axon's JPA dead-letter queue (enabled per group in
 * application.yml), sequenced by the group's own sequencing policy, so later events about the same author or viewer
 * wait behind a parked one. A replay clears the queue. Each failure counts an attempt, which drives the backoff of
 * {@link DeadLetters}.
 */
@Configuration(proxyBeanMethods = false)
class DeadLetterConfiguration {

    static final String ATTEMPTS = "attempts";

    @Bean
    ConfigurerModule projectionDeadLetters() {
        return configurer -> {
            for (String group : ProjectionGenerations.processingGroups()) {
                configurer.eventProcessing()
                        // Replaces any earlier invoker configuration, so the identifier cache is enabled here too.
                        .registerDeadLetteringEventHandlerInvokerConfiguration(group,
                                (config, builder) -> builder.allowReset(true).enableSequenceIdentifierCache())
                        .registerDeadLetterPolicy(group, config -> countingAttempts());
            }
        };
    }

    /**
     * The cause kept is the most specific one (the database's own error rather than Spring's wrapper, which leads
     * with the statement's SQL), truncated as Axon's default policy does: the queue's column holds 1,023 characters,
     * and a longer message would make parking the event fail, stalling the segment.
     */
    static EnqueuePolicy<EventMessage<?>> countingAttempts() {
        return (letter, cause) -> Decisions.requeue(ThrowableCause.truncated(NestedExceptionUtils.getMostSpecificCause(cause)),
                l -> l.diagnostics().and(ATTEMPTS, attempts(l.diagnostics().get(ATTEMPTS)) + 1));
    }

    static int attempts(Object stored) {
        return stored instanceof Number n ? n.intValue() : 0;
    }
}
