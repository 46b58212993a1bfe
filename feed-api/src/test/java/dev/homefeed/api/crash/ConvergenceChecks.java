package dev.homefeed.api.crash;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import dev.homefeed.api.crash.CrashScenario.Follow;
import dev.homefeed.api.crash.CrashScenario.Ledger;
import dev.homefeed.api.support.FeedClient;

/**
 * What must hold once the service has recovered, from two oracles independent of the projector's code: the
 * scenario's ledger of what the service acknowledged, and the feed definition evaluated in SQL straight from the
 * event store (every post in the store, acknowledged or caught in flight by the kill). Tables are read the way an
 * operator would, through the service's own database.
 */
final class ConvergenceChecks {

    static final List<String> PROJECTIONS = List.of("home-feed", "read-marker");

    private static final Map<String, String> TABLES = tables();

    /**
     * The home feed's definition evaluated on the source of truth: for every post in the event store that was not
     * deleted, a row for its author and for everyone whose last follow event on the author is a follow. Returns the
     * differences from user_feed, both ways. Post text is stored sealed under its author's key, which SQL cannot open:
     * rows are compared by viewer, post and author, and the texts the feeds show are checked by the reads of other tests.
     */
    private static final String FEED_FROM_EVENT_STORE = """
            WITH events AS (
                SELECT aggregate_identifier AS aggregate, sequence_number AS seq,
                       substring(payload_type FROM '[^.]+$') AS type, convert_from(payload, 'UTF8')::jsonb AS body
                FROM domain_event_entry
                WHERE aggregate_identifier LIKE 'post:%' OR aggregate_identifier LIKE 'follow:%'),
            published AS (
                SELECT aggregate, coalesce(body->'authorId'->>'value', body->>'authorId')::bigint AS author_id
                FROM events WHERE type = 'PostPublishedEvent'),
            live AS (
                SELECT substring(p.aggregate FROM 6)::bigint AS post_id, p.author_id
                FROM published p
                WHERE NOT EXISTS (SELECT 1 FROM events d WHERE d.aggregate = p.aggregate AND d.type = 'PostDeletedEvent')),
            following AS (
                SELECT split_part(aggregate, ':', 2)::bigint AS follower_id, split_part(aggregate, ':', 3)::bigint AS followee_id
                FROM (SELECT DISTINCT ON (aggregate) aggregate, type FROM events WHERE aggregate LIKE 'follow:%'
                      ORDER BY aggregate, seq DESC) last_event
                WHERE type = 'UserFollowedEvent'),
            expected AS (
                SELECT author_id AS viewer_id, post_id, author_id FROM live
                UNION
                SELECT f.follower_id, l.post_id, l.author_id FROM live l JOIN following f ON f.followee_id = l.author_id),
            actual AS (SELECT viewer_id, post_id, author_id FROM user_feed)
            (SELECT 'missing' AS problem, * FROM (SELECT * FROM expected EXCEPT SELECT * FROM actual) m LIMIT 10)
            UNION ALL
            (SELECT 'unexpected', * FROM (SELECT * FROM actual EXCEPT SELECT * FROM expected) u LIMIT 10)""";

    private final KillableService service;
    private final Ledger ledger;
    private final Timeline timeline;

    ConvergenceChecks(KillableService service, Ledger ledger, Timeline timeline) {
        this.service = service;
        this.ledger = ledger;
        this.timeline = timeline;
    }

    /** Waits until every projection runs at the head, with no dead letter and no error. */
    void awaitCaughtUp(String what) throws Exception {
        awaitCaughtUp(what, System.nanoTime());
    }

    void awaitCaughtUp(String what, long began) throws Exception {
        JsonNode projections;
        try {
            projections = service.admin().awaitAllCaughtUp(Duration.ofMinutes(3));
        } catch (AssertionError e) {
            throw new AssertionError(what + ": " + e.getMessage() + "\n" + service.logTail(40), e);
        }
        assertThat(projections).extracting(p -> p.path("name").asText()).containsExactlyElementsOf(PROJECTIONS);
        // After a replay the windows are written again in the background, once the projection has caught up.
        await(what + ": every user's window").atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(200)).until(() ->
                service.count("SELECT count(*) FROM home_feed_viewer WHERE floor_at <> 'infinity'") == CrashScenario.USERS);
        timeline.note(what + ": caught up after " + Timeline.millisSince(began) + " ms");
        for (JsonNode p : projections) {
            assertThat(p.path("deadLetters").asLong()).as(p.path("name").asText() + " dead letters").isZero();
            assertThat(p.path("error").isNull()).as(p.path("name").asText() + " error: " + p.path("error")).isTrue();
        }
    }

    /** Both oracles agree with the tables and nothing is doubled; returns the tables. */
    Map<String, List<List<Object>>> verifyConverged(String when) throws SQLException {
        List<List<Object>> counts = service.query("SELECT count(*), count(DISTINCT (viewer_id, post_id)) FROM user_feed");
        assertThat(counts.get(0).get(0)).as(when + ": user_feed rows vs. distinct (viewer, post)").isEqualTo(counts.get(0).get(1));

        Set<Long> stored = new HashSet<>();
        service.query("SELECT substring(aggregate_identifier FROM 6)::bigint FROM domain_event_entry"
                + " WHERE payload_type LIKE '%.PostPublishedEvent'").forEach(row -> stored.add((Long) row.get(0)));
        assertThat(stored).as(when + ": acknowledged posts in the event store").containsAll(ledger.posts.keySet());

        assertThat(service.query(FEED_FROM_EVENT_STORE)).as(when + ": user_feed vs. the feed definition evaluated on the"
                + " event store ([problem, viewer, post, author], at most 20)").isEmpty();

        assertThat(ledgerDifferences()).as(when + ": user_feed vs. the acknowledged writes (at most 20)").isEmpty();
        assertFeedsReadOverHttp(when);

        Map<String, List<List<Object>>> snapshot = snapshot();
        timeline.note(when + ": converged; " + snapshot.get("user_feed").size() + " feed rows for " + stored.size()
                + " posts in the event store, " + ledger.posts.size() + " acknowledged, " + ledger.deleted.size()
                + " deleted, " + ledger.edited.size() + " edited, " + ledger.uncertainPosts.size() + " + "
                + ledger.uncertainFollows.size() + " writes in doubt");
        return snapshot;
    }

    /** Straight from the orphaned PostgreSQL: the kill left home-feed's replay half done, and its tokens say so. */
    void assertReplayWasInterrupted(Map<String, List<List<Object>>> beforeReplay) throws SQLException {
        List<List<Object>> tokenTypes = service.query("SELECT segment, token_type FROM token_entry WHERE processor_name = 'home-feed'");
        assertThat(tokenTypes).as("home-feed tokens after the kill").anySatisfy(
                row -> assertThat(String.valueOf(row.get(1))).endsWith("ReplayToken"));
        // A replay leaves the windows waiting until it has caught up; the posts it has copied so far show how far it came.
        long rows = service.count("SELECT count(*) FROM home_feed_post");
        timeline.note("at the second kill home_feed_post held " + rows + " of " + beforeReplay.get("home_feed_post").size()
                + " rows; home-feed tokens " + tokenTypes);
        assertThat(rows).as("home_feed_post rows left by the interrupted replay")
                .isBetween(1L, beforeReplay.get("home_feed_post").size() - 1L);
    }

    /** Every projection table, row by row in a fixed order. */
    Map<String, List<List<Object>>> snapshot() throws SQLException {
        Map<String, List<List<Object>>> snapshot = new LinkedHashMap<>();
        for (Map.Entry<String, String> table : TABLES.entrySet()) {
            snapshot.put(table.getKey(), service.query(table.getValue()));
        }
        return snapshot;
    }

    static void assertSameTables(String what, Map<String, List<List<Object>>> expected, Map<String, List<List<Object>>> actual) {
        for (String table : TABLES.keySet()) {
            List<List<Object>> before = expected.get(table);
            List<List<Object>> after = actual.get(table);
            if (!before.equals(after)) {
                Set<List<Object>> missing = new LinkedHashSet<>(before);
                after.forEach(missing::remove);
                Set<List<Object>> extra = new LinkedHashSet<>(after);
                before.forEach(extra::remove);
                throw new AssertionError(what + ": " + table + " differs: " + before.size() + " rows expected, "
                        + after.size() + " found; missing " + missing.size() + " " + first(missing) + ", unexpected "
                        + extra.size() + " " + first(extra));
            }
        }
    }

    /** Events in the store beyond the lowest segment token of a processor that is not replaying. */
    long unprojectedEvents(String processor) throws SQLException {
        return service.count("SELECT (SELECT coalesce(max(global_index), 0) FROM domain_event_entry)"
                + " - min((convert_from(token, 'UTF8')::jsonb->>'index')::bigint) FROM token_entry"
                + " WHERE processor_name = '" + processor + "'");
    }

    long eventCount() throws SQLException {
        return service.count("SELECT count(*) FROM domain_event_entry");
    }

    /** What the acknowledged writes imply for user_feed: present for the author and current followers, else absent. */
    private List<String> ledgerDifferences() throws SQLException {
        Map<Long, Map<Long, String>> feedRows = new HashMap<>();
        for (List<Object> row : service.query("SELECT post_id, viewer_id, post_preview FROM user_feed")) {
            feedRows.computeIfAbsent((Long) row.get(0), p -> new HashMap<>()).put((Long) row.get(1), (String) row.get(2));
        }
        List<String> problems = new ArrayList<>();
        ledger.posts.forEach((post, author) -> {
            if (ledger.uncertainPosts.contains(post)) {
                return;
            }
            Map<Long, String> rows = feedRows.getOrDefault(post, Map.of());
            if (ledger.deleted.contains(post)) {
                if (!rows.isEmpty()) {
                    problems.add("deleted post " + post + " still in the feeds of " + rows.keySet());
                }
                return;
            }
            for (long viewer = 1; viewer <= CrashScenario.USERS; viewer++) {
                Follow follow = new Follow(viewer, author);
                if (viewer != author && ledger.uncertainFollows.contains(follow)) {
                    continue;
                }
                boolean expected = viewer == author || ledger.follows.getOrDefault(follow, false);
                if (expected != rows.containsKey(viewer)) {
                    problems.add("post " + post + " by " + author + (expected ? " missing from" : " wrongly in")
                            + " the feed of " + viewer);
                } else if (expected && ledger.edited.containsKey(post) && !ledger.edited.get(post).equals(rows.get(viewer))) {
                    problems.add("post " + post + " shows '" + rows.get(viewer) + "' to " + viewer + " after an edit");
                }
            }
        });
        return problems.subList(0, Math.min(20, problems.size()));
    }

    /** A few viewers read their whole feed through the API: the same posts as their user_feed rows, and fresh. */
    private void assertFeedsReadOverHttp(String when) throws SQLException {
        FeedClient api = service.feed();
        for (long viewer : List.of(CrashScenario.STAR, 2L, (long) CrashScenario.USERS)) {
            List<Long> read = new ArrayList<>();
            String cursor = null;
            do {
                JsonNode page = api.page(viewer, 100, cursor);
                page.path("items").forEach(item -> read.add(item.path("postId").asLong()));
                assertThat(page.path("freshness").path("replaying").asBoolean()).as(when + ": feed replaying").isFalse();
                cursor = FeedClient.nextCursor(page);
            } while (cursor != null);
            List<Long> projected = service.query("SELECT post_id FROM user_feed WHERE viewer_id = " + viewer
                    + " ORDER BY created_at DESC, post_id DESC").stream().map(row -> (Long) row.get(0)).toList();
            assertThat(read).as(when + ": feed of " + viewer + " over HTTP").isEqualTo(projected);
        }
    }

    private static List<List<Object>> first(Set<List<Object>> rows) {
        return rows.stream().limit(10).toList();
    }

    private static Map<String, String> tables() {
        Map<String, String> tables = new LinkedHashMap<>();
        tables.put("user_feed", "SELECT * FROM user_feed ORDER BY viewer_id, created_at, post_id");
        tables.put("home_feed_post", "SELECT * FROM home_feed_post ORDER BY post_id");
        tables.put("home_feed_follower", "SELECT * FROM home_feed_follower ORDER BY followee_id, follower_id");
        tables.put("feed_cursor", "SELECT * FROM feed_cursor ORDER BY viewer_id");
        return tables;
    }
}
