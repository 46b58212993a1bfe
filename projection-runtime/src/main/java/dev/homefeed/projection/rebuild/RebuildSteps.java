package dev.homefeed.projection.rebuild;

import java.time.Clock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The two moves both an operator's request ({@link Rebuilds}) and the {@link RebuildDriver} make, with the processors
 * and schemas they involve: starting the rebuild processor from the first event, and ending a rebuild that failed.
 */
@Component
class RebuildSteps {

    private static final Logger log = LoggerFactory.getLogger(RebuildSteps.class);

    private final RebuildRecords records;
    private final RebuildProcessors processors;
    private final GenerationChanges changes;
    private final TransactionTemplate tx;
    private final Clock clock;

    RebuildSteps(RebuildRecords records, RebuildProcessors processors, GenerationChanges changes, TransactionTemplate tx,
                 Clock clock) {
        this.records = records;
        this.processors = processors;
        this.changes = changes;
        this.tx = tx;
        this.clock = clock;
    }

    /**
     * Resets the rebuild processor's tokens to the first event and starts it, then records that the rebuild has begun:
     * before that, the driver leaves the rebuild alone, as the processor's tokens still say nothing about it.
     */
    void reset(Rebuild rebuild) {
        try {
            processors.startFromFirstEvent(rebuild.projection());
            records.move(rebuild, rebuild.reset(clock.instant()));
        } catch (RuntimeException e) {
            fail(rebuild, e);
            throw e;
        }
    }

    /**
     * Ends a rebuild that cannot go on: its generation is dropped, serving is untouched. Only if it still stands where
     * it failed: one abandoned or switched meanwhile keeps its generations as they are.
     */
    void fail(Rebuild rebuild, RuntimeException cause) {
        log.error("Rebuild {} of {} failed; generation {} is dropped and generation {} keeps serving", rebuild.id(),
                rebuild.projection(), rebuild.generation(), rebuild.servingGeneration(), cause);
        try {
            processors.stop(rebuild.projection());
        } finally {
            tx.executeWithoutResult(status -> {
                if (records.save(rebuild, rebuild.failed(String.valueOf(cause.getMessage())))) {
                    changes.drop(rebuild.projection(), rebuild.generation());
                }
            });
        }
    }
}
