package dev.homefeed.sample;

import java.util.List;

import dev.homefeed.command.api.post.PostDeletedEvent;
import dev.homefeed.command.api.post.PostPublishedEvent;
import dev.homefeed.projection.Projection;
import dev.homefeed.projection.generation.GenerationSql;
import dev.homefeed.projection.generation.ProjectionGenerations;
import org.axonframework.config.Configuration;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.async.SequencingPolicy;
import org.axonframework.eventhandling.async.SequentialPerAggregatePolicy;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A third read model, defined here and nowhere in the runtime: which posts each author has live. A bean, a template
 * table in a changelog ({@code author-posts-projection.yaml}) and a projector are all it takes.
 */
public class AuthorPostsProjection implements Projection {

    public static final String NAME = "author-posts";

    private final JdbcClient jdbc;
    private final ProjectionGenerations generations;

    AuthorPostsProjection(JdbcClient jdbc, ProjectionGenerations generations) {
        this.jdbc = jdbc;
        this.generations = generations;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public SequencingPolicy<? super EventMessage<?>> sequencing(Configuration axon) {
        return SequentialPerAggregatePolicy.instance();
    }

    @Override
    public Object projector(String processingGroup) {
        return new Projector(processingGroup);
    }

    @Override
    public ComparedRows comparedRows() {
        return new ComparedRows("""
                SELECT author_id AS owner_id, NULL::timestamptz AS key_at, post_id AS key_id, NULL::int AS content
                FROM {g}.author_post""", List.of());
    }

    /** Idempotent by its primary key, as the runtime requires: a rebuild's hand-over applies some events twice. */
    class Projector {

        private final String processingGroup;

        Projector(String processingGroup) {
            this.processingGroup = processingGroup;
        }

        @EventHandler
        void on(PostPublishedEvent e) {
            write("INSERT INTO {g}.author_post (author_id, post_id) VALUES (:author, :post) ON CONFLICT DO NOTHING",
                    e.authorId().value(), e.postId().value());
        }

        @EventHandler
        void on(PostDeletedEvent e) {
            write("DELETE FROM {g}.author_post WHERE author_id = :author AND post_id = :post",
                    e.authorId().value(), e.postId().value());
        }

        @ResetHandler
        void reset() {
            for (String schema : generations.writtenBy(processingGroup)) {
                jdbc.sql(GenerationSql.in(schema, "TRUNCATE {g}.author_post")).update();
            }
        }

        private void write(String sql, long author, long post) {
            for (String schema : generations.writtenBy(processingGroup)) {
                jdbc.sql(GenerationSql.in(schema, sql)).param("author", author).param("post", post).update();
            }
        }
    }
}
