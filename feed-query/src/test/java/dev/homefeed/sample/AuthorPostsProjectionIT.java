package dev.homefeed.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.List;

import dev.homefeed.command.api.PostId;
import dev.homefeed.command.api.UserId;
import dev.homefeed.command.post.PostGateway;
import dev.homefeed.projection.ProjectionOperations;
import dev.homefeed.projection.api.Cutover;
import dev.homefeed.projection.api.ProjectionStatus;
import dev.homefeed.projection.api.RebuildState;
import dev.homefeed.projection.api.RebuildStatus;
import dev.homefeed.projection.generation.ProjectionGenerations;
import dev.homefeed.projection.rebuild.Rebuilds;
import dev.homefeed.query.ProjectionsIntegrationTest;
import dev.homefeed.query.support.Awaits;
import dev.homefeed.query.support.Scenario;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A projection the runtime has never heard of, plugged in from the test sources alone: it gets its first generation,
 * processors, status, a replay and a blue/green rebuild, with no runtime file touched.
 */
@ProjectionsIntegrationTest
class AuthorPostsProjectionIT {

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
    @Autowired
    Awaits awaits;

    @Test
    void aProjectionDefinedOutsideTheRuntimeIsProjectedReplayedAndRebuilt() {
        UserId author = Scenario.user();
        PostId kept = posts.publish(author, "kept", null, null).post().postId();
        PostId deleted = posts.publish(author, "deleted", null, null).post().postId();
        posts.delete(deleted, author);

        await().atMost(Awaits.PATIENCE).untilAsserted(() -> assertThat(postsOf(author)).containsExactly(kept.value()));
        assertThat(projections.statuses()).extracting(ProjectionStatus::name).contains(AuthorPostsProjection.NAME);

        awaits.replayAndAwait(AuthorPostsProjection.NAME);
        assertThat(postsOf(author)).containsExactly(kept.value());

        int before = generations.serving(AuthorPostsProjection.NAME).number();
        rebuilds.start(AuthorPostsProjection.NAME, Cutover.AUTO);
        RebuildStatus switched = awaits.awaitRebuild(AuthorPostsProjection.NAME, RebuildState.SWITCHED);
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
