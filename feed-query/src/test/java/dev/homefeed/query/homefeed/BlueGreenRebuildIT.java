package dev.homefeed.query.homefeed;

import static dev.homefeed.query.api.ProjectionNames.HOME_FEED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import dev.homefeed.command.api.PostId;
import dev.homefeed.command.api.UserId;
import dev.homefeed.projection.ProjectionOperations;
import dev.homefeed.projection.Projections;
import dev.homefeed.projection.api.Cutover;
import dev.homefeed.projection.api.GenerationComparison;
import dev.homefeed.projection.api.GenerationComparison.ViewerDifference;
import dev.homefeed.projection.api.RebuildRefusedException;
import dev.homefeed.projection.api.RebuildRefusedException.Refusal;
import dev.homefeed.projection.api.RebuildState;
import dev.homefeed.projection.api.RebuildStatus;
import dev.homefeed.projection.api.ReplayRefusedException;
import dev.homefeed.projection.deadletter.DeadLetters;
import dev.homefeed.projection.generation.Generation;
import dev.homefeed.projection.generation.ProjectionGenerations;
import dev.homefeed.projection.rebuild.Rebuilds;
import dev.homefeed.query.ProjectionsIntegrationTest;
import dev.homefeed.query.api.HomeFeedPage;
import dev.homefeed.query.support.Awaits;
import dev.homefeed.query.support.Scenario;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Rebuilding without downtime: a new generation is filled by its own processor from the first event while the
 * serving one answers and follows new events, the two are compared at one position, and readers switch atomically.
 */
@ProjectionsIntegrationTest
class BlueGreenRebuildIT {

    private static final String REBUILD_GROUP = Projections.rebuildGroup(HOME_FEED);

    @Autowired
    Scenario scenario;
    @Autowired
    Awaits awaits;
    @Autowired
    Rebuilds rebuilds;
    @Autowired
    ProjectionOperations projections;
    @Autowired
    ProjectionGenerations generations;
    @Autowired
    DeadLetters deadLetters;
    @Autowired
    HomeFeedReads feeds;
    @Autowired
    JdbcClient jdbc;

    final List<UserId> users = Scenario.users(6);

    /** Six users each following the next two, with an edit and a delete before any rebuild. */
    @BeforeEach
    void setUp() {
        // Readers, so that the serving generation keeps their windows.
        awaits.awaitWindows(users);
        for (UserId user : users) {
            scenario.publish(user, "first post of " + user);
        }
        for (int i = 0; i < users.size(); i++) {
            scenario.follow(users.get(i), users.get((i + 1) % users.size()));
            scenario.follow(users.get(i), users.get((i + 2) % users.size()));
        }
        PostId edited = scenario.publish(users.get(0), "to be edited");
        scenario.edit(edited, users.get(0), "edited before the rebuild");
        PostId deleted = scenario.publish(users.get(1), "to be deleted");
        scenario.delete(deleted, users.get(1));
        awaits.awaitCaughtUp(HOME_FEED);
    }

    /** The context is shared: a rebuild a failed test left running would refuse every later one. */
    @AfterEach
    void abandonARebuildLeftRunning() {
        if (rebuilds.latest(HOME_FEED).map(r -> r.state().running()).orElse(false)) {
            rebuilds.abandon(HOME_FEED);
        }
    }

    @Test
    void aRebuildUnderLiveReadsAndWritesSwitchesItselfAndRollsBackWithoutLosingAWrite() throws Exception {
        int before = servingGeneration();
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicInteger emptyReads = new AtomicInteger();
        Queue<Throwable> failures = new ConcurrentLinkedQueue<>();
        Thread writer = new Thread(() -> {
            try {
                while (running.get()) {
                    scenario.publish(users.get(ThreadLocalRandom.current().nextInt(users.size())), "during the rebuild");
                    Thread.sleep(15);
                }
            } catch (InterruptedException stopped) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException | AssertionError e) {
                failures.add(e);
            }
        });
        Thread reader = new Thread(() -> {
            while (running.get()) {
                try {
                    HomeFeedPage page = feeds.page(users.get(2).value(), 20, null);
                    if (page.entries().isEmpty()) {
                        emptyReads.incrementAndGet();
                    }
                } catch (RuntimeException e) {
                    failures.add(e);
                }
            }
        });
        writer.start();
        reader.start();

        RebuildStatus started = rebuilds.start(HOME_FEED, Cutover.AUTO);
        assertThat(started.state()).isEqualTo(RebuildState.BUILDING);
        assertThat(started.generation()).as("a generation never used before").isGreaterThan(before);
        int rebuilt = started.generation();
        RebuildStatus switched = awaits.awaitRebuild(HOME_FEED, RebuildState.SWITCHED);

        running.set(false);
        writer.join();
        reader.join();
        assertThat(failures).as("writes and feed reads that failed during the rebuild").isEmpty();
        assertThat(emptyReads).as("feed reads that came back empty during the rebuild").hasValue(0);
        assertThat(switched.comparison().viewersDiffering()).isZero();
        assertThat(switched.comparison().viewers()).isGreaterThanOrEqualTo(users.size());
        assertThat(servingGeneration()).isEqualTo(rebuilt);
        assertThat(viewDefinition("user_feed")).contains(Generation.schema(HOME_FEED, rebuilt));
        awaits.awaitCaughtUp(HOME_FEED);
        scenario.awaitFeedsAsModelled(users);

        scenario.publish(users.get(3), "after the switch");
        awaits.awaitCaughtUp(HOME_FEED);
        rebuilds.rollback(HOME_FEED);
        assertThat(servingGeneration()).isEqualTo(before);
        assertThat(viewDefinition("user_feed")).contains(Generation.schema(HOME_FEED, before));
        scenario.awaitFeedsAsModelled(users);
        assertRefused(() -> rebuilds.rollback(HOME_FEED), Refusal.NOTHING_RETAINED);
        assertThat(schemaExists(Generation.schema(HOME_FEED, rebuilt))).isFalse();
    }

    @Test
    void rowsDamagedInTheServingGenerationAreFoundAndHoldBackTheAutomaticCutover() {
        int serving = servingGeneration();
        String g = Generation.schema(HOME_FEED, serving);
        UserId robbed = users.get(0);
        UserId tampered = users.get(1);
        // Damage no event could cause, straight in the serving generation's tables.
        jdbc.sql("DELETE FROM " + g + ".user_feed WHERE viewer_id = :viewer").param("viewer", robbed.value()).update();
        jdbc.sql("UPDATE " + g + ".user_feed SET post_preview = 'tampered' WHERE viewer_id = :viewer")
                .param("viewer", tampered.value()).update();
        // A follower list the feed's reads and backfills depend on, damaged without touching any feed row.
        int followerRowsLost = jdbc.sql("DELETE FROM " + g + ".home_feed_follower WHERE follower_id = :viewer")
                .param("viewer", users.get(2).value()).update();

        rebuilds.start(HOME_FEED, Cutover.AUTO);
        RebuildStatus ready = awaits.awaitRebuild(HOME_FEED, RebuildState.READY);

        GenerationComparison comparison = ready.comparison();
        assertThat(comparison.viewersDiffering()).as(comparison.toString()).isEqualTo(2);
        assertThat(comparison.rowsOnlyRebuilt()).isEqualTo(scenario.expectedFeed(robbed).size());
        assertThat(comparison.rowsChanged()).isEqualTo(scenario.expectedFeed(tampered).size());
        assertThat(comparison.rowsOnlyServing()).isZero();
        assertThat(comparison.supportRowsDiffering()).isEqualTo(followerRowsLost).isEqualTo(2);
        assertThat(comparison.sample()).extracting(ViewerDifference::viewerId)
                .containsExactlyInAnyOrder(robbed.toString(), tampered.toString());
        assertThat(servingGeneration()).as("no automatic switch after differences").isEqualTo(serving);

        RebuildStatus switched = rebuilds.cutover(HOME_FEED);

        assertThat(switched.state()).isEqualTo(RebuildState.SWITCHED);
        assertThat(servingGeneration()).isEqualTo(ready.generation());
        scenario.awaitFeedsAsModelled(users);
    }

    @Test
    void aManualRebuildWaitsForItsCutoverAndAnAbandonedOneLeavesServingAsItWas() {
        int serving = servingGeneration();
        RebuildStatus started = rebuilds.start(HOME_FEED, Cutover.MANUAL);
        assertRefused(() -> rebuilds.start(HOME_FEED, Cutover.AUTO), Refusal.RUNNING);
        assertThatThrownBy(() -> projections.replay(HOME_FEED)).as("a replay meanwhile")
                .isInstanceOfSatisfying(ReplayRefusedException.class,
                        e -> assertThat(e.refusal()).isEqualTo(ReplayRefusedException.Refusal.REBUILD_RUNNING));
        RebuildStatus ready = awaits.awaitRebuild(HOME_FEED, RebuildState.READY);
        assertThat(ready.comparison().viewersDiffering()).isZero();
        assertThat(servingGeneration()).isEqualTo(serving);

        rebuilds.abandon(HOME_FEED);

        assertThat(rebuilds.latest(HOME_FEED).orElseThrow().state()).isEqualTo(RebuildState.ABANDONED);
        assertThat(schemaExists(Generation.schema(HOME_FEED, started.generation()))).isFalse();
        assertThat(servingGeneration()).isEqualTo(serving);
        assertRefused(() -> rebuilds.cutover(HOME_FEED), Refusal.NOT_READY);
        scenario.awaitFeedsAsModelled(users);
    }

    @Test
    void requestsForAnUnknownProjectionAreRefusedAndChangeNothing() {
        int serving = servingGeneration();

        assertRefused(() -> rebuilds.start("nope", Cutover.AUTO), Refusal.UNKNOWN);
        assertRefused(() -> rebuilds.latest("nope"), Refusal.UNKNOWN);
        assertRefused(() -> rebuilds.cutover("nope"), Refusal.UNKNOWN);
        assertRefused(() -> rebuilds.abandon("nope"), Refusal.UNKNOWN);
        assertRefused(() -> rebuilds.rollback("nope"), Refusal.UNKNOWN);

        assertThat(servingGeneration()).isEqualTo(serving);
        assertThat(generations.rebuilding(HOME_FEED)).isFalse();
    }

    @Test
    void aPoisonEventInTheRebuiltGenerationIsDeadLetteredAndHoldsBackTheCutoverWhileServingGoesOn() {
        // Only generations made from now on refuse the pill (their copy of the post): the serving one takes it.
        jdbc.sql("""
                ALTER TABLE home_feed_template.home_feed_post ADD CONSTRAINT no_poison
                CHECK (text IS NULL OR text NOT LIKE '%poison%')""").update();
        try {
            scenario.publish(users.get(0), "a poison pill");
            awaits.awaitCaughtUp(HOME_FEED);
            int serving = servingGeneration();

            rebuilds.start(HOME_FEED, Cutover.AUTO);
            RebuildStatus ready = awaits.awaitRebuild(HOME_FEED, RebuildState.READY);

            // The poisoner and the two who follow them.
            assertThat(ready.comparison().rowsOnlyServing()).as("the pill's rows, missing from the rebuilt generation")
                    .isEqualTo(3);
            assertThat(deadLetters.count(REBUILD_GROUP)).isEqualTo(1);
            assertThat(deadLetters.count(HOME_FEED)).isZero();
            assertThat(servingGeneration()).isEqualTo(serving);
            scenario.awaitFeedsAsModelled(users);
            rebuilds.abandon(HOME_FEED);
        } finally {
            jdbc.sql("ALTER TABLE home_feed_template.home_feed_post DROP CONSTRAINT IF EXISTS no_poison").update();
            // A parked sequence holds back its author's later events: the next rebuild of this context starts clean.
            deadLetters.page(REBUILD_GROUP, 100, null).items().forEach(letter -> deadLetters.evict(REBUILD_GROUP, letter.id()));
        }
    }

    private int servingGeneration() {
        return generations.serving(HOME_FEED).number();
    }

    private static void assertRefused(Runnable request, Refusal refusal) {
        assertThatThrownBy(request::run).isInstanceOfSatisfying(RebuildRefusedException.class,
                e -> assertThat(e.refusal()).isEqualTo(refusal));
    }

    /** Readers name the public views; what a view selects from is which generation they read. */
    private String viewDefinition(String view) {
        return jdbc.sql("SELECT definition FROM pg_views WHERE schemaname = 'public' AND viewname = :view")
                .param("view", view).query(String.class).single();
    }

    private boolean schemaExists(String schema) {
        return jdbc.sql("SELECT to_regnamespace(:schema) IS NOT NULL").param("schema", schema).query(Boolean.class).single();
    }
}
