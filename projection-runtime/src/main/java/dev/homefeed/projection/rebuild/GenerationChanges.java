package dev.homefeed.projection.rebuild;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import dev.homefeed.projection.api.RebuildRefusedException;
import dev.homefeed.projection.api.RebuildRefusedException.Refusal;
import dev.homefeed.projection.generation.Generation;
import dev.homefeed.projection.generation.Generation.Role;
import dev.homefeed.projection.generation.GenerationSchemas;
import dev.homefeed.projection.generation.ProjectionGenerations;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The changes of which generation serves: switch, rollback, drop. Each runs in the caller's transaction and first
 * locks the projection's generation rows, which every processor batch holds a share lock on, so it waits for
 * batches in flight and no schema is dropped under one.
 */
@Component
class GenerationChanges {

    private static final Logger log = LoggerFactory.getLogger(GenerationChanges.class);

    private final ProjectionGenerations generations;
    private final GenerationSchemas schemas;
    private final RebuildRecords records;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final Duration retention;

    GenerationChanges(ProjectionGenerations generations, GenerationSchemas schemas, RebuildRecords records,
                      TransactionTemplate tx, Clock clock,
                      @Value("${feed.projections.rollback-retention:PT1H}") Duration retention) {
        this.generations = generations;
        this.schemas = schemas;
        this.records = records;
        this.tx = tx;
        this.clock = clock;
        this.retention = retention;
    }

    /** Readers move to the rebuilt generation; the serving one becomes the retained shadow (an older one is dropped). */
    void switchTo(Rebuild rebuild) {
        String projection = rebuild.projection();
        Instant now = clock.instant();
        generations.lock(projection);
        for (Generation g : generations.of(projection)) {
            if (g.role() == Role.SHADOW && g.retainedUntil() != null) {
                dropLocked(projection, g.number());
            }
        }
        Generation previous = generations.serving(projection);
        schemas.serve(projection, rebuild.generation());
        generations.setRole(projection, previous.number(), Role.SHADOW, now.plus(retention));
        generations.setRole(projection, rebuild.generation(), Role.SERVING, null);
        records.move(rebuild, rebuild.switched(now));
        log.info("Rebuild {} of {} switched: generation {} serves, generation {} is retained until {}", rebuild.id(),
                projection, rebuild.generation(), previous.number(), now.plus(retention));
    }

    /** Readers move back to the retained generation; the one that replaced it is dropped. */
    void rollback(String projection) {
        generations.lock(projection);
        Generation retained = generations.of(projection).stream()
                .filter(g -> g.role() == Role.SHADOW && g.retainedUntil() != null).findFirst()
                .orElseThrow(() -> new RebuildRefusedException(Refusal.NOTHING_RETAINED,
                        "no previous generation of " + projection + " is retained"));
        Generation current = generations.serving(projection);
        schemas.serve(projection, retained.number());
        generations.remove(projection, current.number());
        generations.setRole(projection, retained.number(), Role.SERVING, null);
        schemas.drop(projection, current.number());
        log.info("{} rolled back: generation {} serves again, generation {} dropped", projection, retained.number(),
                current.number());
    }

    /** Drops a generation that does not serve. */
    void drop(String projection, int number) {
        generations.lock(projection);
        dropLocked(projection, number);
    }

    /** Drops previous generations whose retention ended, each in a transaction of its own. */
    void dropExpired(String projection) {
        Instant now = clock.instant();
        for (Generation g : generations.of(projection)) {
            if (g.role() == Role.SHADOW && g.retainedUntil() != null && !g.retainedUntil().isAfter(now)) {
                tx.executeWithoutResult(status -> drop(projection, g.number()));
                log.info("Generation {} of {} dropped: its retention ended", g.number(), projection);
            }
        }
    }

    private void dropLocked(String projection, int number) {
        generations.remove(projection, number);
        schemas.drop(projection, number);
    }
}
