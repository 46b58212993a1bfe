package dev.homefeed.api.outage;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongFunction;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.homefeed.api.support.Http;

/**
 * Posts and feed reads at a steady pace, as clients of a live product send them, and every answer they got. A post
 * that was not answered 201 is sent again with the same {@code Idempotency-Key} until it is, as a careful client
 * does; it counts as acknowledged once answered 201 or 200.
 */
final class SteadyLoad implements AutoCloseable {

    /** One answer: what was asked, when, how long it took, and what came back (status -1: no HTTP answer at all). */
    record Answer(String call, Instant at, long millis, int status, String contentType, boolean retryAfter, String body) {

        boolean acceptable() {
            return status >= 200 && status < 300
                    || status == 503 && contentType.startsWith("application/problem+json") && retryAfter
                    && body.contains("/problems/database-unavailable");
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration PACE = Duration.ofMillis(50);
    private static final Duration CALL_LIMIT = Duration.ofSeconds(15);

    private final Http http;
    private final LongFunction<String> tokens;
    private final List<Long> authors;
    private final List<Long> viewers;
    private final Queue<Answer> answers = new ConcurrentLinkedQueue<>();
    private final Set<String> acknowledged = ConcurrentHashMap.newKeySet();
    private final Map<String, Integer> sendsByKey = new ConcurrentHashMap<>();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final ExecutorService threads = Executors.newFixedThreadPool(4);

    SteadyLoad(Http http, LongFunction<String> tokens, List<Long> authors, List<Long> viewers) {
        this.http = http;
        this.tokens = tokens;
        this.authors = authors;
        this.viewers = viewers;
    }

    void start() {
        for (int writer = 0; writer < 2; writer++) {
            long seed = writer;
            threads.submit(() -> publishUntilStopped(new Random(seed)));
        }
        for (int reader = 0; reader < 2; reader++) {
            long seed = 100 + reader;
            threads.submit(() -> readUntilStopped(new Random(seed)));
        }
    }

    Set<String> acknowledged() {
        return Set.copyOf(acknowledged);
    }

    List<Answer> answers() {
        return List.copyOf(answers);
    }

    /** Posts that needed more than one send to be acknowledged. */
    long retriedByKey() {
        return sendsByKey.values().stream().filter(sends -> sends > 1).count();
    }

    @Override
    public void close() throws InterruptedException {
        running.set(false);
        threads.shutdown();
        if (!threads.awaitTermination(60, TimeUnit.SECONDS)) {
            threads.shutdownNow();
            throw new AssertionError("the load did not stop");
        }
    }

    private void publishUntilStopped(Random random) {
        while (running.get()) {
            long author = authors.get(random.nextInt(authors.size()));
            String key = UUID.randomUUID().toString();
            String body = "{\"text\":\"steady post " + key + "\"}";
            // Once sent, a post is sent again until acknowledged, even after the load was asked to stop.
            while (true) {
                sendsByKey.merge(key, 1, Integer::sum);
                Answer answer = call("POST /api/v1/posts", () -> http.request("POST", "/api/v1/posts")
                        .token(tokens.apply(author)).header("Idempotency-Key", key).json(body));
                if (answer.status() == 201 || answer.status() == 200) {
                    acknowledged.add(postId(answer.body()));
                    break;
                }
                pause(Duration.ofMillis(200));
            }
            pause(PACE);
        }
    }

    private void readUntilStopped(Random random) {
        while (running.get()) {
            long viewer = viewers.get(random.nextInt(viewers.size()));
            call("GET /api/v1/feed", () -> http.request("GET", "/api/v1/feed?limit=20").token(tokens.apply(viewer)));
            pause(PACE);
        }
    }

    private Answer call(String name, Supplier<Http.Request> request) {
        Answer answer = answer(name, request);
        answers.add(answer);
        return answer;
    }

    /** Sends one request and says how it went; a call without an HTTP answer is an answer of status -1. */
    static Answer answer(String name, Supplier<Http.Request> request) {
        Instant at = Instant.now();
        long began = System.nanoTime();
        Answer answer;
        try {
            Http.Response response = request.get().timeout(CALL_LIMIT).send();
            answer = new Answer(name, at, (System.nanoTime() - began) / 1_000_000, response.status(),
                    response.contentType(), response.header("Retry-After").isPresent(), response.raw());
        } catch (AssertionError noAnswer) {
            answer = new Answer(name, at, (System.nanoTime() - began) / 1_000_000, -1, "", false,
                    String.valueOf(noAnswer.getCause()));
        }
        return answer;
    }

    private static String postId(String json) {
        try {
            return JSON.readTree(json).path("postId").asText();
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + json, e);
        }
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
