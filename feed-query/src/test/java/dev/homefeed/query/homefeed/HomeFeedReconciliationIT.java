package dev.homefeed.query.homefeed;

import static dev.homefeed.query.api.ProjectionNames.HOME_FEED;
import static dev.homefeed.query.api.ProjectionNames.READ_MARKER;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import dev.homefeed.command.api.PostId;
import dev.homefeed.command.api.UserId;
import dev.homefeed.projection.api.Reconciliation;
import dev.homefeed.projection.api.Reconciliation.ViewerReconciliation;
import dev.homefeed.projection.generation.ProjectionGenerations;
import dev.homefeed.projection.reconciliation.Reconciliations;
import dev.homefeed.query.ProjectionsIntegrationTest;
import dev.homefeed.query.support.Awaits;
import dev.homefeed.query.support.Scenario;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Reconciliation checks viewers' feeds in the serving generation against the feed computed from source truth (the
 * command side's following and posts tables), reports what differs, and repairs it on request.
 */
@ProjectionsIntegrationTest
class HomeFeedReconciliationIT {

    @Autowired
    Scenario scenario;
    @Autowired
    Awaits awaits;
    @Autowired
    Reconciliations reconciliations;
    @Autowired
    ProjectionGenerations generations;
    @Autowired
    JdbcClient jdbc;

    final List<UserId> users = Scenario.users(4);
    PostId strangersPost;

    @BeforeEach
    void fourUsersInARingAndAStranger() {
        // Readers, so that the serving generation keeps their windows.
        awaits.awaitWindows(users);
        for (UserId user : users) {
            scenario.publish(user, "post of " + user);
        }
        for (int i = 0; i < users.size(); i++) {
            scenario.follow(users.get(i), users.get((i + 1) % users.size()));
        }
        UserId stranger = Scenario.user();
        awaits.awaitWindows(List.of(stranger));
        strangersPost = scenario.publish(stranger, "nobody here follows me");
        awaits.awaitCaughtUp(HOME_FEED);
    }

    @Test
    void damagedFeedsAreReportedWithoutChangeThenRepairedToTheDeclarativeFeed() {
        UserId robbed = users.get(0);
        UserId tampered = users.get(1);
        UserId padded = users.get(2);
        // Damage no event could cause, straight in the serving generation's tables.
        String g = generations.serving(HOME_FEED).schema();
        jdbc.sql("DELETE FROM " + g + ".user_feed WHERE viewer_id = :v").param("v", robbed.value()).update();
        jdbc.sql("UPDATE " + g + ".user_feed SET post_preview = 'tampered' WHERE viewer_id = :v").param("v", tampered.value()).update();
        jdbc.sql("INSERT INTO " + g + ".user_feed SELECT :v, post_id, author_id, post_preview, created_at, expires_at FROM "
                + g + ".user_feed WHERE post_id = :post LIMIT 1").param("v", padded.value()).param("post", strangersPost.value()).update();
        long foundBefore = reconciliations.mismatchesFound(HOME_FEED);

        Reconciliation report = reconcile(false);

        assertThat(report.checked()).isEqualTo(4);
        assertThat(report.differing()).isEqualTo(3);
        assertThat(report.repaired()).isZero();
        assertThat(viewer(report, robbed).missing()).isEqualTo(scenario.expectedFeed(robbed).size());
        assertThat(viewer(report, tampered).changed()).isEqualTo(scenario.expectedFeed(tampered).size());
        assertThat(viewer(report, padded).extra()).isEqualTo(1);
        assertThat(report.viewers()).noneMatch(ViewerReconciliation::repaired);
        assertThat(scenario.feedIds(robbed)).as("a report changes nothing").isEmpty();

        Reconciliation repaired = reconcile(true);

        assertThat(repaired.repaired()).isEqualTo(3);
        assertThat(repaired.viewers()).allMatch(ViewerReconciliation::repaired);
        scenario.assertFeedsAsModelled(users);
        assertThat(reconcile(false).differing()).isZero();
        assertThat(reconciliations.mismatchesFound(HOME_FEED)).as("differing viewers counted by the two reports that found them")
                .isEqualTo(foundBefore + 6);
    }

    @Test
    void aSampleIsDrawnFromSourceTruthAndFindsSoundFeedsSound() {
        Reconciliation report = reconciliations.sample(HOME_FEED, 1000, false);

        assertThat(report.checked()).isGreaterThanOrEqualTo(users.size());
        assertThat(report.differing()).isZero();
        assertThat(report.viewers()).isEmpty();
    }

    @Test
    void onlyTheHomeFeedIsReconcilable() {
        assertThat(reconciliations.reconcilable(HOME_FEED)).isTrue();
        assertThat(reconciliations.reconcilable(READ_MARKER)).isFalse();
        assertThat(reconciliations.reconcilable("nope")).isFalse();
    }

    private Reconciliation reconcile(boolean repair) {
        return reconciliations.reconcile(HOME_FEED, users.stream().map(UserId::value).toList(), repair);
    }

    private static ViewerReconciliation viewer(Reconciliation report, UserId viewer) {
        return report.viewers().stream().filter(v -> v.viewerId().equals(viewer.toString())).findFirst()
                .orElseThrow(() -> new AssertionError("viewer " + viewer + " not reported in " + report));
    }
}
