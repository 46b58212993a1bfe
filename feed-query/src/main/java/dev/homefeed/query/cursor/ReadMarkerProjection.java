package dev.homefeed.query.cursor;

import java.util.List;

import dev.homefeed.projection.Projection;
import dev.homefeed.projection.batching.EventBatches;
import dev.homefeed.projection.generation.ProjectionGenerations;
import dev.homefeed.query.api.ProjectionNames;
import org.axonframework.config.Configuration;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.async.SequencingPolicy;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The read marker as the projection runtime runs it: ordered by viewer, one row per viewer compared whole. */
@Component
class ReadMarkerProjection implements Projection {

    private static final String MARKER_ROWS = """
            SELECT viewer_id AS owner_id, NULL::timestamptz AS key_at, 0::bigint AS key_id,
                   (last_seen_post_id, last_seen_at, updated_at) AS content
            FROM {g}.feed_cursor""";

    private final ObjectProvider<JdbcClient> jdbc;
    private final ObjectProvider<EventBatches> batches;
    private final ObjectProvider<ProjectionGenerations> generations;

    ReadMarkerProjection(ObjectProvider<JdbcClient> jdbc, ObjectProvider<EventBatches> batches,
                         ObjectProvider<ProjectionGenerations> generations) {
        this.jdbc = jdbc;
        this.batches = batches;
        this.generations = generations;
    }

    @Override
    public String name() {
        return ProjectionNames.READ_MARKER;
    }

    @Override
    public SequencingPolicy<? super EventMessage<?>> sequencing(Configuration axon) {
        return ViewerSequencingPolicy.INSTANCE;
    }

    @Override
    public Object projector(String processingGroup) {
        return new ReadMarkerProjector(processingGroup, jdbc.getObject(), batches.getObject(), generations.getObject());
    }

    @Override
    public ComparedRows comparedRows() {
        return new ComparedRows(MARKER_ROWS, List.of());
    }
}
