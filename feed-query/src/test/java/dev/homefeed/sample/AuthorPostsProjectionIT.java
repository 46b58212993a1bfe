package dev.homefeed.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import dev.homefeed.command.api.PostId;
import dev.homefeed.command.api.UserId;
import dev.homefeed.command.post.PostGateway;
import dev.homefeed.projection.ProjectionOperations;
import dev.homefeed.projection.api.Cutover;
import dev.homefeed.projection.api.ProjectionState;
import dev.homefeed.projection.api.ProjectionStatus;
import dev.homefeed.projection.api.RebuildState;
import dev.homefeed.projection.api.RebuildStatus;
import dev.homefeed.projection.generation.ProjectionGenerations;
import dev.homefeed.projection.rebuild.Rebuilds;
import dev.homefeed.query.ProjectionsIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A projection the runtime has never heard of, plugged in from the test sources alone: it gets its first generation,
 * processors, status, a replay and a blue/green rebuild, with no runtime file touched.
 */
@ProjectionsIntegrationTest
class AuthorPostsProjectionIT {

    static final Duration PATIENCE = Duration.ofSeconds(30);

    @Autowired
    PostGateway posts;
    @Autowired
    ProjectionOperations projections;
    @Autowired
    Rebuilds rebuilds;
    @Autowired
    ProjectionGenerations generations;
    @Autowired
    JdbcClient jdbc;

    @Test
    void aProjectionDefinedOutsideTheRuntimeIsProjectedReplayedAndRebuilt() {
        UserId author = new UserId(ThreadLocalRandom.current().nextLong(1, 1L << 40));
        PostId kept = posts.publish(author, "kept", null, null).post().postId();
        PostId deleted = posts.publish(author, "deleted", null, null).post().postId();
        posts.delete(deleted, author);

        await().atMost(PATIENCE).untilAsserted(() -> assertThat(postsOf(author)).containsExactly(kept.value()));
        assertThat(projections.statuses()).extracting(ProjectionStatus::name).contains(AuthorPostsProjection.NAME);

        projections.replay(AuthorPostsProjection.NAME);
        await().atMost(PATIENCE).untilAsserted(() -> {
            assertThat(projections.status(AuthorPostsProjection.NAME).orElseThrow().state()).isEqualTo(ProjectionState.RUNNING);
            assertThat(postsOf(author)).containsExactly(kept.value());
        });

        int before = generations.serving(AuthorPostsProjection.NAME).number();
        rebuilds.start(AuthorPostsProjection.NAME, Cutover.AUTO);
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(rebuilds.latest(AuthorPostsProjection.NAME)
                .orElseThrow().state()).isEqualTo(RebuildState.SWITCHED));
        RebuildStatus switched = rebuilds.latest(AuthorPostsProjection.NAME).orElseThrow();
        assertThat(switched.comparison().viewersDiffering()).as(switched.comparison().toString()).isZero();
        assertThat(switched.comparison().viewers()).isPositive();
        assertThat(generations.serving(AuthorPostsProjection.NAME).number()).isEqualTo(before + 1);
        assertThat(postsOf(author)).containsExactly(kept.value());
    }

    private List<Long> postsOf(UserId author) {
        return jdbc.sql("SELECT post_id FROM author_post WHERE author_id = :author ORDER BY post_id")
                .param("author", author.value()).query(Long.class).list();
    }
}
