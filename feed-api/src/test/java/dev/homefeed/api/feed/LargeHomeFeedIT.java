package dev.homefeed.api.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import dev.homefeed.api.support.AdminClient;
import dev.homefeed.api.support.FeedClient;
import dev.homefeed.api.support.FeedIntegrationTest;
import dev.homefeed.api.support.Parallel;
import dev.homefeed.api.support.Users;
import dev.homefeed.command.api.PostId;
import dev.homefeed.command.api.UserId;
import dev.homefeed.command.api.follow.FollowUserCommand;
import dev.homefeed.command.api.post.PublishPostCommand;
import dev.homefeed.command.api.post.PublishedPost;
import dev.homefeed.command.post.PostIdGenerator;
import dev.homefeed.projection.generation.ProjectionGenerations;
import dev.homefeed.query.homefeed.HomeFeedReads;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A viewer with a feed of 5,000 posts, seeded through the real command path (the gateway, on a few threads): half of
 * the posts reach the window by the follow's backfill, half by fan-out, and the window keeps the newest 800. The feed
 * pages through all 5,000, the window's and then source truth's, and its query reads a page of the window as a short
 * backward range of the primary key.
 */
@FeedIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LargeHomeFeedIT {

    private static final int AUTHORS = 10;
    private static final int POSTS_PER_AUTHOR = 500;
    private static final int THREADS = 4;

    @Autowired
    Environment environment;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    ProjectionGenerations generations;
    @Autowired
    CommandGateway commands;
    @Autowired
    PostIdGenerator postIds;

    FeedClient api;
    long viewer;
    List<String> newestFirst;

    @BeforeAll
    void seed() {
        api = FeedClient.on(environment);
        viewer = Users.next();
        // A reader, so that the projection keeps a window of the feed (800 rows by default); the rest comes from source.
        api.awaitWindow(viewer);
        List<Long> authors = new ArrayList<>();
        for (int i = 0; i < AUTHORS; i++) {
            authors.add(Users.next());
        }
        long started = System.nanoTime();
        List<PostId> posts = new ArrayList<>(publish(authors, POSTS_PER_AUTHOR / 2));
        long beforeFollow = System.nanoTime();
        Parallel.run(THREADS, authors.stream().map(author -> (Callable<Object>) () ->
                commands.sendAndWait(new FollowUserCommand(new UserId(viewer), new UserId(author)))).toList());
        posts.addAll(publish(authors, POSTS_PER_AUTHOR - POSTS_PER_AUTHOR / 2));
        long published = System.nanoTime();
        newestFirst = posts.stream().sorted(Comparator.comparingLong(PostId::value).reversed()).map(PostId::toString).toList();
        assertThat(newestFirst).hasSize(AUTHORS * POSTS_PER_AUTHOR);
        // The writes ran in parallel: a late commit with a lower index can trail the head, so wait for the feed itself.
        AdminClient.on(environment).awaitCaughtUp("home-feed");
        await().atMost(AdminClient.PATIENCE).pollInterval(Duration.ofMillis(500))
                .untilAsserted(() -> assertThat(api.feedIds(viewer)).containsExactlyInAnyOrderElementsOf(newestFirst));
        long projected = System.nanoTime();
        System.out.printf("Seeded %d posts for one viewer: commands %d ms (%d ms before the follows), projection caught up %d ms later%n",
                posts.size(), millis(published - started), millis(beforeFollow - started), millis(projected - published));
    }

    @Test
    void pagesThroughAllFiveThousandItemsNewestFirstEachOnce() {
        long started = System.nanoTime();
        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            JsonNode page = api.page(viewer, 100, cursor);
            seen.addAll(FeedClient.ids(page.get("items")));
            cursor = FeedClient.nextCursor(page);
            pages++;
        } while (cursor != null);
        System.out.printf("Paged through %d items in %d pages of 100 in %d ms%n", seen.size(), pages, millis(System.nanoTime() - started));

        assertThat(pages).isEqualTo(50);
        assertThat(seen).containsExactlyElementsOf(newestFirst);
    }

    @Test
    void readsAPageOfTheWindowAsABackwardRangeScanOfThePrimaryKeyWithoutSortingTheFeed() {
        // What autovacuum keeps current in production; a bulk load in a test may outrun it.
        String g = generations.serving("home-feed").schema();
        jdbc.sql("ANALYZE %1$s.user_feed, %1$s.home_feed_post, %1$s.home_feed_author, %1$s.home_feed_follower".formatted(g)).update();
        PostId deep = new PostId(Long.parseLong(newestFirst.get(700)));
        List<String> firstPage = explain(OffsetDateTime.of(9999, 12, 31, 0, 0, 0, 0, ZoneOffset.UTC), Long.MAX_VALUE);
        List<String> deepPage = explain(deep.createdAt().atOffset(ZoneOffset.UTC), deep.value());

        for (List<String> plan : List.of(firstPage, deepPage)) {
            System.out.println(String.join(System.lineSeparator(), plan));
            String scan = plan.stream().filter(line -> line.contains("on user_feed ")).findFirst().orElseThrow(() ->
                    new AssertionError("no scan of user_feed in" + System.lineSeparator() + String.join(System.lineSeparator(), plan)));
            assertThat(scan).contains("Index Scan Backward using user_feed_pkey on user_feed");
            // The merge with pulled authors' posts may sort the page's few candidate rows (21 of the window, the
            // pulled authors' and the window's floor), never the viewer's feed.
            for (String line : plan) {
                if (line.matches("\\s*(->\\s+)?Sort\\s+\\(.*") && line.contains("actual time=")) {
                    assertThat(actualRows(line)).as(line).isLessThanOrEqualTo(2 * 21 + 1);
                }
            }
            assertThat(plan).anyMatch(line -> line.contains("Index Cond: ((viewer_id = ") && line.contains("ROW(created_at, post_id) < ROW("));
            assertThat(actualRows(scan)).isEqualTo(21.0);
        }
    }

    private List<String> explain(OffsetDateTime createdBefore, long postBefore) {
        return jdbc.sql("EXPLAIN (ANALYZE, BUFFERS) " + HomeFeedReads.PAGE_SQL)
                .param("viewer", viewer)
                .param("created", createdBefore)
                .param("post", postBefore)
                .param("now", OffsetDateTime.now(ZoneOffset.UTC))
                .param("limit", 21)
                .query(String.class)
                .list();
    }

    private List<PostId> publish(List<Long> authors, int perAuthor) {
        List<Callable<PostId>> calls = new ArrayList<>();
        for (int i = 0; i < perAuthor; i++) {
            for (long author : authors) {
                String text = "post " + i + " by " + author;
                calls.add(() -> commands.<PublishedPost>sendAndWait(
                        new PublishPostCommand(postIds.next(), new UserId(author), text, null, null)).post().postId());
            }
        }
        return Parallel.run(THREADS, calls);
    }

    private static double actualRows(String planLine) {
        Matcher rows = Pattern.compile("actual time=\\S+ rows=([\\d.]+)").matcher(planLine);
        assertThat(rows.find()).as(planLine).isTrue();
        return Double.parseDouble(rows.group(1));
    }

    private static long millis(long nanos) {
        return Duration.ofNanos(nanos).toMillis();
    }
}
