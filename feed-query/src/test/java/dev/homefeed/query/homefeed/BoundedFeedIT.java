package dev.homefeed.query.homefeed;

import static dev.homefeed.query.api.ProjectionNames.HOME_FEED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import dev.homefeed.command.api.PostId;
import dev.homefeed.command.api.UserId;
import dev.homefeed.projection.api.Cutover;
import dev.homefeed.projection.api.RebuildState;
import dev.homefeed.projection.api.RebuildStatus;
import dev.homefeed.projection.generation.ProjectionGenerations;
import dev.homefeed.projection.rebuild.Rebuilds;
import dev.homefeed.query.ProjectionsIntegrationTest;
import dev.homefeed.query.api.FeedEntry;
import dev.homefeed.query.api.FeedPosition;
import dev.homefeed.query.api.HomeFeedPage;
import dev.homefeed.query.api.ServedFrom;
import dev.homefeed.query.support.Awaits;
import dev.homefeed.query.support.Scenario;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

/**
 * Bounded feeds: {@code user_feed} keeps at most three rows per viewer who read within five seconds, and still every
 * read, at every depth, is the declarative feed, the rest coming from source truth where the window ends; live,
 * after a replay and after a rebuild.
 */
@ProjectionsIntegrationTest
@TestPropertySource(properties = {"feed.home-feed.window=3", "feed.home-feed.inactive-after=PT5S"})
class BoundedFeedIT {

    private static final int WINDOW = 3;
    private static final Duration INACTIVE_AFTER = Duration.ofSeconds(5);

    @Autowired
    Scenario scenario;
    @Autowired
    Awaits awaits;
    @Autowired
    HomeFeedReads feeds;
    @Autowired
    Rebuilds rebuilds;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    ProjectionGenerations generations;

    @Test
    void everyFeedIsTheDeclarativeOneAtEveryDepthLiveAfterAReplayAndAfterARebuild() {
        List<UserId> users = Scenario.users(8);
        Random random = new Random(25);
        List<PostId> posts = new ArrayList<>();
        List<UserId> authors = new ArrayList<>();
        Set<ServedFrom> served = EnumSet.noneOf(ServedFrom.class);
        for (int round = 0; round < 6; round++) {
            for (int step = 0; step < 25; step++) {
                UserId a = users.get(random.nextInt(users.size()));
                UserId b = users.get(random.nextInt(users.size()));
                int what = random.nextInt(10);
                if (what < 4) {
                    // Some expire within seconds; only posts that never expire are edited or deleted later.
                    Instant expiresAt = random.nextInt(6) == 0 ? Instant.now().plusSeconds(1 + random.nextInt(3)) : null;
                    PostId post = scenario.publish(a, "post " + round + "." + step, expiresAt);
                    if (expiresAt == null) {
                        posts.add(post);
                        authors.add(a);
                    }
                } else if (what < 6 && !a.equals(b)) {
                    scenario.follow(a, b);
                } else if (what < 7 && !a.equals(b)) {
                    scenario.unfollow(a, b);
                } else if (what < 8 && !posts.isEmpty()) {
                    int i = random.nextInt(posts.size());
                    scenario.edit(posts.get(i), authors.get(i), "edited in round " + round);
                } else if (!posts.isEmpty()) {
                    int i = random.nextInt(posts.size());
                    scenario.delete(posts.remove(i), authors.remove(i));
                }
            }
            awaits.awaitCaughtUp(HOME_FEED);
            served.addAll(assertEveryFeedAsModelled(users));
        }
        awaitWindowsOf(users);
        served.addAll(assertEveryFeedAsModelled(users));
        assertThat(served).as("what served the pages").contains(ServedFrom.PROJECTION, ServedFrom.BOTH);
        assertWindowsHoldAtMostTheWindow(users);

        awaits.replayAndAwait(HOME_FEED);
        assertEveryFeedAsModelled(users);
        awaitWindowsOf(users);
        assertEveryFeedAsModelled(users);
        assertWindowsHoldAtMostTheWindow(users);

        rebuilds.start(HOME_FEED, Cutover.AUTO);
        RebuildStatus switched = awaits.awaitRebuild(HOME_FEED, RebuildState.SWITCHED);
        assertThat(switched.comparison().viewersDiffering()).as(switched.comparison().toString()).isZero();
        assertThat(switched.comparison().viewers()).as("viewers compared").isGreaterThanOrEqualTo(users.size());
        awaitWindowsOf(users);
        assertEveryFeedAsModelled(users);
        assertWindowsHoldAtMostTheWindow(users);
    }

    @Test
    void pagesAcrossTheWindowsEdgeHaveNoGapAndNoDuplicate() {
        UserId viewer = Scenario.user();
        List<UserId> authors = Scenario.users(3);
        for (UserId author : authors) {
            scenario.follow(viewer, author);
        }
        for (int i = 0; i < 12; i++) {
            scenario.publish(authors.get(i % 3), "post " + i);
        }
        awaits.awaitCaughtUp(HOME_FEED);
        read(viewer, 2);
        await("window materialized").atMost(Awaits.PATIENCE).until(() -> rows(viewer) == WINDOW);

        List<ServedFrom> servedFrom = new ArrayList<>();
        List<Long> ids = new ArrayList<>();
        FeedPosition after = null;
        do {
            HomeFeedPage page = feeds.page(viewer.value(), 2, after);
            page.entries().forEach(entry -> ids.add(entry.postId()));
            servedFrom.add(page.servedFrom());
            after = page.next();
        } while (after != null);

        assertThat(ids).containsExactlyElementsOf(scenario.expectedFeed(viewer)).doesNotHaveDuplicates();
        assertThat(servedFrom).startsWith(ServedFrom.PROJECTION, ServedFrom.BOTH).contains(ServedFrom.SOURCE);
    }

    @Test
    void anInactiveViewerGetsNoRowsAndTheirFirstReadIsCompleteThenTheirWindowComesBack() {
        UserId viewer = Scenario.user();
        UserId author = Scenario.user();
        scenario.follow(viewer, author);
        scenario.publish(author, "before");
        awaits.awaitCaughtUp(HOME_FEED);
        read(viewer, 10);
        await("window materialized").atMost(Awaits.PATIENCE).until(() -> rows(viewer) == 1);

        await("window dropped once inactive").atMost(INACTIVE_AFTER.multipliedBy(4)).pollInterval(Duration.ofMillis(200))
                .until(() -> !windowed(viewer) && rows(viewer) == 0);
        scenario.publish(author, "while away");
        scenario.publish(author, "while away, again");
        awaits.awaitCaughtUp(HOME_FEED);
        assertThat(rows(viewer)).as("rows fanned out to the inactive viewer").isZero();

        HomeFeedPage first = feeds.page(viewer.value(), 10, null);

        assertThat(Scenario.ids(first.entries())).containsExactlyElementsOf(scenario.expectedFeed(viewer)).hasSize(3);
        assertThat(first.servedFrom()).isEqualTo(ServedFrom.SOURCE);
        await("window materialized again").atMost(Awaits.PATIENCE).until(() -> rows(viewer) == WINDOW);
        HomeFeedPage again = feeds.page(viewer.value(), 10, null);
        assertThat(Scenario.ids(again.entries())).containsExactlyElementsOf(scenario.expectedFeed(viewer));
        assertThat(again.servedFrom()).isEqualTo(ServedFrom.PROJECTION);
    }

    @Test
    void aWindowTheRebuiltGenerationRefusesLeavesItsViewerReadingFromSourceAndTheRebuildSwitches() {
        UserId viewer = Scenario.user();
        UserId author = Scenario.user();
        scenario.follow(viewer, author);
        scenario.publish(author, "a poison pill");
        awaits.awaitCaughtUp(HOME_FEED);
        awaitWindowsOf(List.of(viewer, author));
        // Only generations made from now on refuse the pill's feed rows: the new one cannot hold these two windows.
        jdbc.sql("""
                ALTER TABLE home_feed_template.user_feed ADD CONSTRAINT no_poison
                CHECK (post_preview IS NULL OR post_preview NOT LIKE '%poison%')""").update();
        try {
            rebuilds.start(HOME_FEED, Cutover.AUTO);
            RebuildStatus switched = awaits.awaitRebuild(HOME_FEED, RebuildState.SWITCHED);

            assertThat(switched.comparison().viewersDiffering()).isZero();
            assertThat(windowed(viewer)).as("a window of the viewer in the serving generation").isFalse();
            HomeFeedPage page = feeds.page(viewer.value(), 10, null);
            assertThat(Scenario.ids(page.entries())).containsExactlyElementsOf(scenario.expectedFeed(viewer));
            assertThat(page.servedFrom()).isEqualTo(ServedFrom.SOURCE);
        } finally {
            jdbc.sql("ALTER TABLE home_feed_template.user_feed DROP CONSTRAINT IF EXISTS no_poison").update();
            jdbc.sql("ALTER TABLE " + generations.serving(HOME_FEED).schema() + ".user_feed DROP CONSTRAINT IF EXISTS no_poison")
                    .update();
        }
    }

    /**
     * Reads each viewer's whole feed in pages of two (crossing the window's edge) until all are as modelled (a post
     * may expire between a read and the model's look at the clock); answers what served the pages.
     */
    private Set<ServedFrom> assertEveryFeedAsModelled(List<UserId> viewers) {
        Set<ServedFrom> served = new HashSet<>();
        await("every feed as modelled").atMost(Awaits.PATIENCE).untilAsserted(() -> served.addAll(readEveryFeed(viewers)));
        return served;
    }

    private Set<ServedFrom> readEveryFeed(List<UserId> viewers) {
        Set<ServedFrom> served = new HashSet<>();
        for (UserId viewer : viewers) {
            List<Long> ids = new ArrayList<>();
            List<FeedEntry> entries = new ArrayList<>();
            FeedPosition after = null;
            do {
                HomeFeedPage page = feeds.page(viewer.value(), 2, after);
                entries.addAll(page.entries());
                served.add(page.servedFrom());
                after = page.next();
            } while (after != null);
            entries.forEach(entry -> ids.add(entry.postId()));
            assertThat(ids).as("feed of %s", viewer).doesNotHaveDuplicates()
                    .containsExactlyElementsOf(scenario.expectedFeed(viewer));
            for (FeedEntry entry : entries) {
                assertThat(entry.text()).as("text of %d in the feed of %s", entry.postId(), viewer)
                        .isEqualTo(scenario.expectedText(entry.postId()).orElseThrow());
            }
        }
        return served;
    }

    /** Reads every viewer's feed (which keeps them active) until each has a materialized window. */
    private void awaitWindowsOf(List<UserId> viewers) {
        await("windows materialized").atMost(Awaits.PATIENCE).pollInterval(Duration.ofMillis(200)).until(() -> {
            viewers.forEach(viewer -> read(viewer, 2));
            return windowed(viewers) == viewers.size();
        });
    }

    private void assertWindowsHoldAtMostTheWindow(List<UserId> viewers) {
        for (UserId viewer : viewers) {
            assertThat(rows(viewer)).as("rows of %s", viewer).isLessThanOrEqualTo(WINDOW);
        }
    }

    private void read(UserId viewer, int size) {
        feeds.page(viewer.value(), size, null);
    }

    private long rows(UserId viewer) {
        return jdbc.sql("SELECT count(*) FROM user_feed WHERE viewer_id = :viewer").param("viewer", viewer.value())
                .query(Long.class).single();
    }

    private boolean windowed(UserId viewer) {
        return jdbc.sql("SELECT count(*) FROM home_feed_viewer WHERE viewer_id = :viewer AND floor_at <> 'infinity'")
                .param("viewer", viewer.value()).query(Long.class).single() > 0;
    }

    private long windowed(List<UserId> viewers) {
        return viewers.stream().filter(this::windowed).count();
    }
}
