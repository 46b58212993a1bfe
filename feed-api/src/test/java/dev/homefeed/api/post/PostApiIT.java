package dev.homefeed.api.post;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import dev.homefeed.api.support.FeedClient;
import dev.homefeed.api.support.FeedIntegrationTest;
import dev.homefeed.api.support.Http;
import dev.homefeed.api.support.Users;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;

/** The contract's "Commands and source reads" for posts, over HTTP. */
@FeedIntegrationTest
class PostApiIT {

    @Autowired
    Environment environment;

    FeedClient api;
    Http http;
    long authorId;
    String author;
    String other;

    @BeforeEach
    void setUp() {
        api = FeedClient.on(environment);
        http = api.http();
        authorId = Users.next();
        author = api.token(authorId);
        other = api.token(Users.next());
    }

    @Test
    void publishesATrimmedPostAndReadsItBackFromItsEvents() {
        Http.Response created = http.post("/api/v1/posts", author, "{\"text\": \"  hello, feed  \"}");

        assertThat(created.status()).isEqualTo(201);
        JsonNode post = created.json();
        String id = post.get("postId").asText();
        assertThat(created.header("Location")).contains("/api/v1/posts/" + id);
        assertThat(created.header("ETag")).contains("\"1\"");
        assertThat(post.get("text").asText()).isEqualTo("hello, feed");
        assertThat(post.get("version").isNumber()).isTrue();
        assertThat(post.get("version").asLong()).isEqualTo(1);
        assertThat(post.get("editedAt").isNull()).isTrue();
        assertThat(post.get("expiresAt").isNull()).isTrue();
        assertThat(post.get("createdAt").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");

        Http.Response read = http.get("/api/v1/posts/" + id, other);
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.json()).isEqualTo(post);
        assertThat(read.header("ETag")).contains("\"1\"");
    }

    @Test
    void newerPostsHaveLargerIdsAndLaterCreatedAt() {
        JsonNode first = http.post("/api/v1/posts", author, "{\"text\": \"one\"}").json();
        JsonNode second = http.post("/api/v1/posts", author, "{\"text\": \"two\"}").json();

        assertThat(Long.parseLong(second.get("postId").asText())).isGreaterThan(Long.parseLong(first.get("postId").asText()));
        assertThat(Instant.parse(second.get("createdAt").asText())).isAfterOrEqualTo(Instant.parse(first.get("createdAt").asText()));
    }

    @Test
    void acceptsAFutureExpiryAndRefusesAPastOne() {
        String future = "2999-01-01T00:00:00.000Z";
        Http.Response ok = http.post("/api/v1/posts", author, "{\"text\": \"later\", \"expiresAt\": \"" + future + "\"}");
        assertThat(ok.status()).isEqualTo(201);
        assertThat(ok.json().get("expiresAt").asText()).isEqualTo(future);

        Http.Response past = http.post("/api/v1/posts", author, "{\"text\": \"gone\", \"expiresAt\": \"2020-01-01T00:00:00Z\"}");
        assertThat(past.status()).isEqualTo(400);
        assertThat(past.json().get("errors").get(0).get("field").asText()).isEqualTo("expiresAt");
    }

    @Test
    void anExpiredPostIsGoneForReadsAndEditsAndDeletesQuietly() {
        String soon = Instant.now().plusMillis(1500).toString();
        String id = http.post("/api/v1/posts", author, "{\"text\": \"brief\", \"expiresAt\": \"" + soon + "\"}")
                .json().get("postId").asText();
        assertThat(http.get("/api/v1/posts/" + id, author).status()).isEqualTo(200);

        await().atMost(Duration.ofSeconds(10)).until(() -> http.get("/api/v1/posts/" + id, author).status() == 404);
        assertThat(http.patch("/api/v1/posts/" + id, author, "{\"text\": \"revived?\"}").status()).isEqualTo(404);
        assertThat(http.delete("/api/v1/posts/" + id, author).status()).isEqualTo(204);
    }

    @Test
    void retryWithTheSameIdempotencyKeyReturnsTheSamePost() {
        Http.Response first = publishWithKey(author, "key-1", "{\"text\": \"once\"}");
        Http.Response retry = publishWithKey(author, "key-1", "{\"text\": \"once\"}");

        assertThat(first.status()).isEqualTo(201);
        assertThat(retry.status()).isEqualTo(200);
        assertThat(retry.json().get("postId")).isEqualTo(first.json().get("postId"));
    }

    @Test
    void theSameKeyByAnotherAuthorIsAnotherPost() {
        Http.Response mine = publishWithKey(author, "shared-key", "{\"text\": \"same\"}");
        Http.Response theirs = publishWithKey(other, "shared-key", "{\"text\": \"same\"}");

        assertThat(theirs.status()).isEqualTo(201);
        assertThat(theirs.json().get("postId")).isNotEqualTo(mine.json().get("postId"));
    }

    @Test
    void theSameKeyWithAnotherBodyIsRefusedWith422() {
        publishWithKey(author, "key-2", "{\"text\": \"first body\"}");

        Http.Response reuse = publishWithKey(author, "key-2", "{\"text\": \"second body\"}");

        assertThat(reuse.status()).isEqualTo(422);
        assertThat(reuse.contentType()).startsWith("application/problem+json");
    }

    @Test
    void racingRequestsWithOneKeyCreateOnePost() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Http.Response>> calls = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                calls.add(() -> publishWithKey(author, "race", "{\"text\": \"racing\"}"));
            }
            List<Http.Response> responses = new ArrayList<>();
            for (Future<Http.Response> f : pool.invokeAll(calls)) {
                responses.add(f.get());
            }
            Set<String> ids = responses.stream().map(r -> r.json().get("postId").asText()).collect(Collectors.toSet());
            assertThat(ids).hasSize(1);
            assertThat(responses.stream().filter(r -> r.status() == 201)).hasSize(1);
            assertThat(responses.stream().filter(r -> r.status() == 200)).hasSize(7);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void theKeyOfADeletedPostAnswers404() {
        String id = publishWithKey(author, "key-3", "{\"text\": \"short-lived\"}").json().get("postId").asText();
        http.delete("/api/v1/posts/" + id, author);

        assertThat(publishWithKey(author, "key-3", "{\"text\": \"short-lived\"}").status()).isEqualTo(404);
    }

    @Test
    void refusesMalformedIdempotencyKeys() {
        assertThat(publishWithKey(author, "x".repeat(101), "{\"text\": \"a\"}").status()).isEqualTo(400);
        assertThat(publishWithKey(author, "tab\tkey", "{\"text\": \"a\"}").status()).isEqualTo(400);
    }

    @Test
    void theAuthorEditsAndTheVersionMovesOn() {
        String id = api.publish(authorId, "draft");

        Http.Response edited = http.request("PATCH", "/api/v1/posts/" + id).token(author)
                .header("If-Match", "\"1\"").json("{\"text\": \" final \"}").send();

        assertThat(edited.status()).isEqualTo(200);
        assertThat(edited.json().get("text").asText()).isEqualTo("final");
        assertThat(edited.json().get("version").asLong()).isEqualTo(2);
        assertThat(edited.json().get("editedAt").isNull()).isFalse();
        assertThat(edited.header("ETag")).contains("\"2\"");
        assertThat(http.get("/api/v1/posts/" + id, other).json().get("text").asText()).isEqualTo("final");
    }

    @Test
    void ifMatchAcceptsWeakAndWildcardTagsAndRefusesStaleOrMalformedOnes() {
        String id = api.publish(authorId, "v1");

        assertThat(editWithIfMatch(author, id, "W/\"1\"").status()).isEqualTo(200);
        assertThat(editWithIfMatch(author, id, "*").status()).isEqualTo(200);
        Http.Response stale = editWithIfMatch(author, id, "\"1\"");
        assertThat(stale.status()).isEqualTo(412);
        assertThat(stale.contentType()).startsWith("application/problem+json");
        assertThat(editWithIfMatch(author, id, "one").status()).isEqualTo(400);
        assertThat(http.get("/api/v1/posts/" + id, author).json().get("version").asLong()).isEqualTo(3);
    }

    @Test
    void onlyTheAuthorEditsOrDeletes() {
        String id = api.publish(authorId, "mine");

        assertThat(http.patch("/api/v1/posts/" + id, other, "{\"text\": \"theirs\"}").status()).isEqualTo(403);
        assertThat(http.delete("/api/v1/posts/" + id, other).status()).isEqualTo(403);
        assertThat(http.get("/api/v1/posts/" + id, other).json().get("text").asText()).isEqualTo("mine");
    }

    @Test
    void deletingIsIdempotentAndHidesThePost() {
        String id = api.publish(authorId, "bye");

        assertThat(http.delete("/api/v1/posts/" + id, author).status()).isEqualTo(204);
        assertThat(http.delete("/api/v1/posts/" + id, author).status()).isEqualTo(204);
        assertThat(http.get("/api/v1/posts/" + id, author).status()).isEqualTo(404);
        assertThat(http.patch("/api/v1/posts/" + id, author, "{\"text\": \"back?\"}").status()).isEqualTo(404);
    }

    @Test
    void unknownPostsAre404() {
        String unknown = "/api/v1/posts/9223372036854775807";
        assertThat(http.get(unknown, author).status()).isEqualTo(404);
        assertThat(http.patch(unknown, author, "{\"text\": \"x\"}").status()).isEqualTo(404);
        assertThat(http.delete(unknown, author).status()).isEqualTo(404);
        assertThat(http.get(unknown, author).contentType()).startsWith("application/problem+json");
    }

    private Http.Response publishWithKey(String token, String key, String body) {
        return http.request("POST", "/api/v1/posts").token(token).header("Idempotency-Key", key).json(body).send();
    }

    private Http.Response editWithIfMatch(String token, String id, String ifMatch) {
        return http.request("PATCH", "/api/v1/posts/" + id).token(token).header("If-Match", ifMatch)
                .json("{\"text\": \"edit\"}").send();
    }
}
