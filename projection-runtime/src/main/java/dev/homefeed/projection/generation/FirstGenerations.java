package dev.homefeed.projection.generation;

import java.time.Clock;

import dev.homefeed.projection.Projections;
import dev.homefeed.projection.generation.Generation.Role;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A projection seen for the first time gets its generation 1 before any processor starts: the schema cloned from the
 * template Liquibase created, and the public views naming it. So a new read model needs only its template tables in
 * a changelog and its {@code Projection} bean. Instances starting together take turns on an advisory lock.
 */
@Component
class FirstGenerations implements InitializingBean {

    private static final Logger log = LoggerFactory.getLogger(FirstGenerations.class);

    private final Projections projections;
    private final ProjectionGenerations generations;
    private final GenerationSchemas schemas;
    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final Clock clock;

    FirstGenerations(Projections projections, ProjectionGenerations generations, GenerationSchemas schemas,
                     JdbcClient jdbc, TransactionTemplate tx, Clock clock) {
        this.projections = projections;
        this.generations = generations;
        this.schemas = schemas;
        this.jdbc = jdbc;
        this.tx = tx;
        this.clock = clock;
    }

    @Override
    public void afterPropertiesSet() {
        tx.executeWithoutResult(status -> {
            jdbc.sql("SELECT pg_advisory_xact_lock(hashtext('projection_generation'))").query(Object.class).single();
            for (String projection : projections.names()) {
                if (generations.of(projection).isEmpty()) {
                    create(projection);
                }
            }
        });
    }

    private void create(String projection) {
        if (schemas.tables(projection).isEmpty()) {
            throw new IllegalStateException("Projection " + projection + " has no tables in its template schema "
                    + Generation.template(projection) + ": a Liquibase changeset must create them there");
        }
        schemas.create(projection, 1);
        schemas.serveFirst(projection, 1);
        generations.add(projection, 1, Role.SERVING, clock.instant());
        log.info("Projection {} is new: generation 1 created from {} and serving", projection, Generation.template(projection));
    }
}
