package dev.homefeed.query.cursor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

import dev.homefeed.command.api.PostId;
import dev.homefeed.command.api.UserId;
import dev.homefeed.command.api.marker.ReadMarker;
import dev.homefeed.command.marker.ReadMarkerGateway;
import dev.homefeed.command.post.PostGateway;
import dev.homefeed.query.ProjectionsIntegrationTest;
import dev.homefeed.query.api.FeedCursorView;
import dev.homefeed.query.api.ProjectionNames;
import dev.homefeed.projection.api.RebuildState;
import dev.homefeed.projection.api.RebuildStatus;
import dev.homefeed.query.cursor.ReadMarkerReads;
import dev.homefeed.projection.ProjectionOperations;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/** A rebuild of the read marker end to end, without HTTP: filled from the first event, compared, switched. */
@ProjectionsIntegrationTest
@TestPropertySource(properties = "feed.projections.rebuild-interval=100ms")
class ReadMarkerRebuildIT {

    static final Duration PATIENCE = Duration.ofSeconds(30);

    @Autowired
    PostGateway posts;
    @Autowired
    ReadMarkerGateway markers;
    @Autowired
    ReadMarkerReads projected;
    @Autowired
    ProjectionOperations projections;

    @Test
    void aRebuiltReadMarkerHoldsTheSameMarkersAndServesOnceCompared() {
        UserId viewer = new UserId(ThreadLocalRandom.current().nextLong(1, 1L << 40));
        PostId post = posts.publish(viewer, "seen", null, null).post().postId();
        ReadMarker moved = markers.move(viewer, post);
        FeedCursorView expected = new FeedCursorView(post.value(), post.createdAt(), moved.updatedAt());
        await().atMost(PATIENCE).until(() -> projected.find(viewer.value()).isPresent());
        int before = projections.servingGeneration(ProjectionNames.READ_MARKER);

        RebuildStatus started = projections.rebuild(ProjectionNames.READ_MARKER, "auto");

        assertThat(started.state()).isEqualTo(RebuildState.BUILDING);
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(projections.latestRebuild(ProjectionNames.READ_MARKER)
                .orElseThrow().state()).isEqualTo(RebuildState.SWITCHED));
        RebuildStatus switched = projections.latestRebuild(ProjectionNames.READ_MARKER).orElseThrow();
        assertThat(switched.comparison().viewersDiffering()).as(switched.comparison().toString()).isZero();
        assertThat(projections.servingGeneration(ProjectionNames.READ_MARKER)).isEqualTo(before + 1);
        assertThat(projected.find(viewer.value())).contains(expected);
    }
}
