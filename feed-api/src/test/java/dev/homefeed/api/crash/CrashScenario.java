package dev.homefeed.api.crash;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import dev.homefeed.api.support.FeedClient;
import dev.homefeed.api.support.Http;
import org.awaitility.core.ConditionTimeoutException;

/**
 * The load a crash test puts on the service, and the {@link Ledger} of what the service acknowledged: a follow graph
 * in which every user follows ten others and one star, then writers publishing at full speed with edits, deletes,
 * unfollows, refollows and read markers in between, while the service may be killed under them.
 */
final class CrashScenario {

    static final int USERS = 30;
    /** Followed by every other user, so each of their posts fans out to the whole graph. */
    static final long STAR = 1;
    private static final int FOLLOWEES = 10;
    private static final int WRITERS = 4;

    private final KillableService service;
    private final Timeline timeline;
    private final Ledger ledger = new Ledger();
    private int runs;

    CrashScenario(KillableService service, Timeline timeline) {
        this.service = service;
        this.timeline = timeline;
    }

    Ledger ledger() {
        return ledger;
    }

    record Follow(long follower, long followee) {
    }

    /** What the service acknowledged. A write cut off by a kill is in doubt: the oracles skip what it touched. */
    static final class Ledger {
        final Map<Long, Long> posts = new ConcurrentHashMap<>();
        final Set<Long> deleted = ConcurrentHashMap.newKeySet();
        final Map<Long, String> edited = new ConcurrentHashMap<>();
        final Set<Long> uncertainPosts = ConcurrentHashMap.newKeySet();
        final Map<Follow, Boolean> follows = new ConcurrentHashMap<>();
        final Set<Follow> uncertainFollows = ConcurrentHashMap.newKeySet();
        final Queue<String> surprises = new ConcurrentLinkedQueue<>();
        volatile boolean killing;
    }

    /** Every user follows the next ten, and everyone follows the star; four follows at a time. */
    void followGraph() throws Exception {
        Set<Follow> graph = new LinkedHashSet<>();
        for (long user = 1; user <= USERS; user++) {
            for (int k = 1; k <= FOLLOWEES; k++) {
                graph.add(new Follow(user, (user - 1 + k) % USERS + 1));
            }
            if (user != STAR) {
                graph.add(new Follow(user, STAR));
            }
        }
        FeedClient api = service.feed();
        ExecutorService pool = Executors.newFixedThreadPool(WRITERS);
        try {
            Map<Follow, Future<Http.Response>> calls = new LinkedHashMap<>();
            for (Follow follow : graph) {
                calls.put(follow, pool.submit(() -> api.followResponse(follow.follower(), follow.followee())));
            }
            for (Map.Entry<Follow, Future<Http.Response>> call : calls.entrySet()) {
                Http.Response response = call.getValue().get();
                assertThat(response.status()).as("PUT following for " + call.getKey() + ": " + response.raw()).isEqualTo(204);
            }
        } finally {
            pool.shutdownNow();
        }
        graph.forEach(follow -> ledger.follows.put(follow, true));
        // Every user reads, so the projection keeps their windows and the checks find every feed's rows.
        for (long user = 1; user <= USERS; user++) {
            api.awaitWindow(user);
        }
    }

    /**
     * Starts the writers and kills the service once {@code posts} are acknowledged, at a moment the home feed is
     * behind them; returns the home feed's lag just before the kill.
     */
    long killWhilePublishing(int posts) throws Exception {
        AtomicBoolean stop = new AtomicBoolean();
        ExecutorService writers = startWriters(Integer.MAX_VALUE, stop);
        long lag;
        try {
            await("acknowledged posts").atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(5))
                    .failFast("a write was answered unexpectedly", () -> !ledger.surprises.isEmpty())
                    .until(() -> ledger.posts.size() >= posts);
            // Kill at a moment the home feed is behind, so fan-out work is pending or in flight (on a machine so fast
            // that it never is, kill anyway: the oracles hold either way).
            AtomicReference<Long> seen = new AtomicReference<>(0L);
            try {
                await("home-feed behind the writers").atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(5))
                        .until(() -> {
                            seen.set(service.admin().projection("home-feed").path("lagEvents").asLong());
                            return seen.get() > 0;
                        });
            } catch (ConditionTimeoutException neverBehind) {
                timeline.note("home-feed kept up with the writers for 20 s; killing anyway");
            }
            lag = seen.get();
            // The writers keep going: the kill cuts their requests off mid-flight.
            ledger.killing = true;
            service.kill();
        } finally {
            stop.set(true);
            writers.shutdown();
        }
        assertThat(writers.awaitTermination(60, TimeUnit.SECONDS)).as("writers stopped after the kill").isTrue();
        ledger.killing = false;
        assertThat(ledger.surprises).as("unexpected answers while publishing").isEmpty();
        return lag;
    }

    /** Publishes that many more posts, with the usual churn in between, and waits until every writer is done. */
    void publish(int posts) throws Exception {
        long began = System.nanoTime();
        int target = ledger.posts.size() + posts;
        ExecutorService writers = startWriters(target, new AtomicBoolean());
        writers.shutdown();
        assertThat(writers.awaitTermination(5, TimeUnit.MINUTES)).as("writers finished").isTrue();
        assertThat(ledger.surprises).as("unexpected answers while publishing").isEmpty();
        long millis = Timeline.millisSince(began);
        timeline.note("published " + posts + " more posts (with edits, deletes, unfollows, refollows, markers) in " + millis
                + " ms, " + (posts * 1000L / Math.max(1, millis)) + " posts/s");
    }

    private ExecutorService startWriters(int targetPosts, AtomicBoolean stop) {
        ExecutorService writers = Executors.newFixedThreadPool(WRITERS);
        runs++;
        for (int i = 0; i < WRITERS; i++) {
            writers.execute(new Writer(i, targetPosts, stop, new Random(31L * runs + i)));
        }
        return writers;
    }

    /**
     * Publishes at full speed; every tenth request is something else: an unfollow, an edit, a refollow, a delete or
     * a read marker. Each writer only unfollows for its own viewers and edits or deletes its own posts, so no two
     * writers race on the same follow or post and the ledger knows each one's last acknowledged state.
     */
    private final class Writer implements Runnable {
        private final int index;
        private final int targetPosts;
        private final AtomicBoolean stop;
        private final Random random;
        private final Deque<Long> ownPosts = new ArrayDeque<>();
        private final Deque<Follow> unfollowed = new ArrayDeque<>();
        private Runnable inDoubt = () -> { };

        Writer(int index, int targetPosts, AtomicBoolean stop, Random random) {
            this.index = index;
            this.targetPosts = targetPosts;
            this.stop = stop;
            this.random = random;
        }

        @Override
        public void run() {
            try {
                for (int i = 1; !stop.get() && ledger.posts.size() < targetPosts; i++) {
                    inDoubt = () -> { };
                    if (i % 10 == 0) {
                        churn(i / 10);
                    } else {
                        publish();
                    }
                }
            } catch (AssertionError connectionLost) {
                // The Http helper reports an I/O failure as an AssertionError: the service is gone.
                inDoubt.run();
                if (!ledger.killing) {
                    ledger.surprises.add("request failed without a kill: " + connectionLost + " " + connectionLost.getCause());
                }
            } catch (RuntimeException e) {
                ledger.surprises.add(e.toString());
            }
        }

        /** The process running now: after a restart, the new one. */
        private FeedClient api() {
            return service.feed();
        }

        private void publish() {
            long author = random.nextInt(4) == 0 ? STAR : 1 + random.nextInt(USERS);
            Http.Response response = api().publishResponse(author, "post " + random.nextInt(1_000_000) + " by " + author);
            if (expect("publish", response, 201)) {
                long post = response.json().path("postId").asLong();
                ledger.posts.put(post, author);
                ownPosts.addLast(post);
            }
        }

        private void churn(int step) {
            switch (step % 5) {
                case 0 -> unfollow();
                case 1 -> edit();
                case 2 -> refollow();
                case 3 -> delete();
                default -> moveMarker();
            }
        }

        private void unfollow() {
            long viewer = index + 1 + WRITERS * (long) random.nextInt((USERS - index - 1) / WRITERS + 1);
            List<Follow> current = ledger.follows.entrySet().stream()
                    .filter(e -> e.getValue() && e.getKey().follower() == viewer && !ledger.uncertainFollows.contains(e.getKey()))
                    .map(Map.Entry::getKey).sorted(Comparator.comparingLong(Follow::followee)).toList();
            if (current.isEmpty()) {
                return;
            }
            Follow follow = current.get(random.nextInt(current.size()));
            inDoubt = () -> ledger.uncertainFollows.add(follow);
            if (expect("unfollow", api().unfollowResponse(viewer, follow.followee()), 204)) {
                ledger.follows.put(follow, false);
                unfollowed.addLast(follow);
            }
        }

        private void refollow() {
            Follow follow = unfollowed.pollFirst();
            if (follow == null) {
                return;
            }
            inDoubt = () -> ledger.uncertainFollows.add(follow);
            if (expect("refollow", api().followResponse(follow.follower(), follow.followee()), 204)) {
                ledger.follows.put(follow, true);
            }
        }

        private void edit() {
            Long post = ownPosts.pollFirst();
            if (post == null) {
                return;
            }
            String text = "edited " + post;
            inDoubt = () -> ledger.uncertainPosts.add(post);
            if (expect("edit", api().edit(ledger.posts.get(post), Long.toString(post), text), 200)) {
                ledger.edited.put(post, text);
            }
        }

        private void delete() {
            Long post = ownPosts.pollFirst();
            if (post == null) {
                return;
            }
            inDoubt = () -> ledger.uncertainPosts.add(post);
            if (expect("delete", api().delete(ledger.posts.get(post), Long.toString(post)), 204)) {
                ledger.deleted.add(post);
            }
        }

        private void moveMarker() {
            Long post = ownPosts.peekLast();
            if (post == null) {
                return;
            }
            long viewer = 1 + random.nextInt(USERS);
            expect("marker", api().moveMarker(viewer, Long.toString(post)), 200);
        }

        private boolean expect(String what, Http.Response response, int status) {
            if (response.status() == status) {
                return true;
            }
            ledger.surprises.add(what + ": " + response.status() + " " + response.raw());
            return false;
        }
    }
}
