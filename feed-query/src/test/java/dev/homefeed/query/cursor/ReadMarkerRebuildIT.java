package dev.homefeed.query.cursor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.homefeed.command.api.PostId;
import dev.homefeed.command.api.UserId;
import dev.homefeed.command.api.marker.ReadMarker;
import dev.homefeed.command.marker.ReadMarkerGateway;
import dev.homefeed.command.post.PostGateway;
import dev.homefeed.projection.api.Cutover;
import dev.homefeed.projection.api.RebuildState;
import dev.homefeed.projection.api.RebuildStatus;
import dev.homefeed.projection.generation.ProjectionGenerations;
import dev.homefeed.projection.rebuild.Rebuilds;
import dev.homefeed.query.ProjectionsIntegrationTest;
import dev.homefeed.query.api.FeedCursorView;
import dev.homefeed.query.api.ProjectionNames;
import dev.homefeed.query.support.Awaits;
import dev.homefeed.query.support.Scenario;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** A rebuild of the read marker end to end, without HTTP: filled from the first event, compared, switched. */
@ProjectionsIntegrationTest
class ReadMarkerRebuildIT {

    @Autowired
    PostGateway posts;
    @Autowired
    ReadMarkerGateway markers;
    @Autowired
    ReadMarkerReads projected;
    @Autowired
    Rebuilds rebuilds;
    @Autowired
    ProjectionGenerations generations;
    @Autowired
    Awaits awaits;

    @Test
    void aRebuiltReadMarkerHoldsTheSameMarkersAndServesOnceCompared() {
        UserId viewer = Scenario.user();
        PostId post = posts.publish(viewer, "seen", null, null).post().postId();
        ReadMarker moved = markers.move(viewer, post);
        FeedCursorView expected = new FeedCursorView(post.value(), post.createdAt(), moved.updatedAt());
        await().atMost(Awaits.PATIENCE).until(() -> projected.find(viewer.value()).isPresent());
        int before = generations.serving(ProjectionNames.READ_MARKER).number();

        RebuildStatus started = rebuilds.start(ProjectionNames.READ_MARKER, Cutover.AUTO);

        assertThat(started.state()).isEqualTo(RebuildState.BUILDING);
        RebuildStatus switched = awaits.awaitRebuild(ProjectionNames.READ_MARKER, RebuildState.SWITCHED);
        assertThat(switched.comparison().viewersDiffering()).as(switched.comparison().toString()).isZero();
        assertThat(generations.serving(ProjectionNames.READ_MARKER).number()).isEqualTo(before + 1);
        assertThat(projected.find(viewer.value())).contains(expected);
    }
}
