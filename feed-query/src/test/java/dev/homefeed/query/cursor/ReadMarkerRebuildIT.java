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
import dev.homefeed.projection.api.Cutover;
import dev.homefeed.projection.api.RebuildState;
import dev.homefeed.projection.api.RebuildStatus;
import dev.homefeed.projection.generation.ProjectionGenerations;
import dev.homefeed.projection.rebuild.Rebuilds;
import dev.homefeed.query.ProjectionsIntegrationTest;
import dev.homefeed.query.api.FeedCursorView;
import dev.homefeed.query.api.ProjectionNames;
import dev.homefeed.query.cursor.ReadMarkerReads;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** A rebuild of the read marker end to end, without HTTP: filled from the first event, compared, switched. */
@ProjectionsIntegrationTest
class ReadMarkerRebuildIT {

    static final Duration PATIENCE = Duration.ofSeconds(30);

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

    @Test
    void aRebuiltReadMarkerHoldsTheSameMarkersAndServesOnceCompared() {
        UserId viewer = new UserId(ThreadLocalRandom.current().nextLong(1, 1L << 40));
        PostId post = posts.publish(viewer, "seen", null, null).post().postId();
        ReadMarker moved = markers.move(viewer, post);
        FeedCursorView expected = new FeedCursorView(post.value(), post.createdAt(), moved.updatedAt());
        await().atMost(PATIENCE).until(() -> projected.find(viewer.value()).isPresent());
        int before = generations.serving(ProjectionNames.READ_MARKER).number();

        RebuildStatus started = rebuilds.start(ProjectionNames.READ_MARKER, Cutover.AUTO);

        assertThat(started.state()).isEqualTo(RebuildState.BUILDING);
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(rebuilds.latest(ProjectionNames.READ_MARKER)
                .orElseThrow().state()).isEqualTo(RebuildState.SWITCHED));
        RebuildStatus switched = rebuilds.latest(ProjectionNames.READ_MARKER).orElseThrow();
        assertThat(switched.comparison().viewersDiffering()).as(switched.comparison().toString()).isZero();
        assertThat(generations.serving(ProjectionNames.READ_MARKER).number()).isEqualTo(before + 1);
        assertThat(projected.find(viewer.value())).contains(expected);
    }
}
