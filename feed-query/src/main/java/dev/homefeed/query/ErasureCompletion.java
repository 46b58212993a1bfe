package dev.homefeed.query;

import java.util.List;

import dev.homefeed.projection.Projections;
import dev.homefeed.projection.generation.ProjectionGenerations;
import dev.homefeed.projection.lifecycle.TokenPositions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Marks an erasure complete once every projection has handled its {@code UserErasedEvent}: each serving processor's
 * segments, and a rebuild processor's while one fills a generation, cover the event's position. Every generation is
 * covered so: shadows and the retained one are written in lockstep by the serving processor. Until then, and across
 * a restart or a crash, the erasure stays incomplete and the processors resume from their tokens.
 */
@Component
class ErasureCompletion {

    private static final Logger log = LoggerFactory.getLogger(ErasureCompletion.class);

    private record Pending(long userId, Long position) {
    }

    private final JdbcClient jdbc;
    private final Projections projections;
    private final ProjectionGenerations generations;
    private final TokenPositions tokens;

    ErasureCompletion(JdbcClient jdbc, Projections projections, ProjectionGenerations generations, TokenPositions tokens) {
        this.jdbc = jdbc;
        this.projections = projections;
        this.generations = generations;
        this.tokens = tokens;
    }

    @Scheduled(fixedDelayString = "${feed.erasure.completion-check:PT0.2S}")
    void completeHandledErasures() {
        List<Pending> pending = jdbc.sql("""
                SELECT e.user_id, coalesce(e.position, (SELECT d.global_index FROM domain_event_entry d
                                                        WHERE d.aggregate_identifier = 'erasure:' || e.user_id
                                                          AND d.sequence_number = 0))
                FROM user_erasure e WHERE e.completed_at IS NULL ORDER BY e.seq LIMIT 100""")
                .query((rs, i) -> new Pending(rs.getLong(1), (Long) rs.getObject(2)))
                .list();
        for (Pending erasure : pending) {
            if (erasure.position() != null && handledEverywhere(erasure.position())) {
                int updated = jdbc.sql("""
                        UPDATE user_erasure SET completed_at = now(), position = :position
                        WHERE user_id = :user AND completed_at IS NULL""")
                        .param("user", erasure.userId()).param("position", erasure.position()).update();
                if (updated > 0) {
                    log.info("Erasure of user {} is complete: no projection holds anything of theirs", erasure.userId());
                }
            }
        }
    }

    private boolean handledEverywhere(long position) {
        for (String projection : projections.names()) {
            if (!tokens.covers(projection, position)) {
                return false;
            }
            if (generations.rebuildingNow(projection) && !tokens.covers(Projections.rebuildGroup(projection), position)) {
                return false;
            }
        }
        return true;
    }
}
