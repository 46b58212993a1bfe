package dev.homefeed.query.cursor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.homefeed.command.api.PostId;
import dev.homefeed.command.api.UserId;
import dev.homefeed.command.marker.ReadMarkerGateway;
import dev.homefeed.command.post.PostGateway;
import dev.homefeed.query.ProjectionsIntegrationTest;
import dev.homefeed.query.api.FeedCursorView;
import dev.homefeed.query.support.Awaits;
import dev.homefeed.query.support.Scenario;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The read-marker projector on the real changelog: moves projected in order, forward only, with the event's times. */
@ProjectionsIntegrationTest
class ReadMarkerProjectorIT {

    @Autowired
    PostGateway posts;
    @Autowired
    ReadMarkerGateway markers;
    @Autowired
    ReadMarkerReads projected;

    @Test
    void theProjectedMarkerIsTheFurthestMoveWithItsPostsTimeAndTheMovesTime() {
        UserId author = Scenario.user();
        UserId viewer = Scenario.user();
        PostId older = posts.publish(author, "older", null, null).post().postId();
        PostId newer = posts.publish(author, "newer", null, null).post().postId();

        markers.move(viewer, older);
        var moved = markers.move(viewer, newer);
        markers.move(viewer, older);

        await().atMost(Awaits.PATIENCE).untilAsserted(() -> assertThat(projected.find(viewer.value()))
                .contains(new FeedCursorView(newer.value(), newer.createdAt(), moved.updatedAt())));
    }

    @Test
    void aViewerWhoNeverMovedTheMarkerHasNone() {
        assertThat(projected.find(Scenario.user().value())).isEmpty();
    }
}
