package dev.homefeed.api.problem;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.util.concurrent.Flow;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import dev.homefeed.api.support.FeedIntegrationTest;
import dev.homefeed.api.support.Http;
import dev.homefeed.api.support.Tokens;
import dev.homefeed.api.support.Users;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Bad input gets a clear RFC 9457 problem and changes nothing; no body leaks a stack trace, SQL or class name. */
@FeedIntegrationTest
class BadInputIT {

    @LocalServerPort
    int port;
    @Autowired
    Environment environment;
    @Autowired
    JdbcClient jdbc;

    Http http;
    String token;
    long user;

    @BeforeEach
    void setUp() {
        http = new Http(port);
        user = Users.next();
        token = new Tokens(environment).user(user);
    }

    static Stream<String> refusedTexts() {
        return Stream.of(
                "\"\"",                      // empty
                "\"   \\n\\t  \"",           // blank after trimming
                "\"" + "a".repeat(501) + "\"",
                "\"" + "😀".repeat(501) + "\"", // 501 code points, 1002 UTF-16 units
                "\"nul \\u0000 inside\"",
                "\"bell \\u0007 inside\"",
                "\"escape \\u001b inside\"",
                "\"lone \\ud800 surrogate\"",
                "\"lone \\udc00 low surrogate\"",
                "5", "true", "{\"a\": 1}", "[\"x\"]", "null");
    }

    @ParameterizedTest
    @MethodSource("refusedTexts")
    void refusesTextsOutsideTheRules(String text) {
        Http.Response response = http.post("/api/v1/posts", token, "{\"text\": " + text + "}");

        assertProblem(response, 400);
        assertThat(response.json().get("errors").get(0).get("field").asText()).isEqualTo("text");
        assertNoPostsBy();
    }

    @Test
    void acceptsFiveHundredAstralCodePointsAndTabsAndNewlines() {
        assertThat(http.post("/api/v1/posts", token, "{\"text\": \"" + "😀".repeat(500) + "\"}").status()).isEqualTo(201);
        Http.Response multiline = http.post("/api/v1/posts", token, "{\"text\": \"line one\\n\\tline two\\r\\n\"}");
        assertThat(multiline.status()).isEqualTo(201);
        assertThat(multiline.json().get("text").asText()).isEqualTo("line one\n\tline two");
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"text\": ", "not json", "{\"text\": \"a\",}", "[1, 2]", "\"text\""})
    void refusesBodiesThatAreNotAJsonObject(String body) {
        assertProblem(http.post("/api/v1/posts", token, body), 400);
        assertNoPostsBy();
    }

    @Test
    void refusesAMissingText() {
        Http.Response response = http.post("/api/v1/posts", token, "{\"expiresAt\": \"2999-01-01T00:00:00Z\"}");
        assertProblem(response, 400);
        assertThat(response.json().get("errors").get(0).get("field").asText()).isEqualTo("text");
    }

    @Test
    void refusesAMalformedExpiry() {
        Http.Response response = http.post("/api/v1/posts", token, "{\"text\": \"a\", \"expiresAt\": \"tomorrow\"}");
        assertProblem(response, 400);
        assertThat(response.json().get("errors").get(0).get("field").asText()).isEqualTo("expiresAt");
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc", "0", "-1", "007", "1.0", "9223372036854775808", "99999999999999999999", "%20"})
    void refusesIdsThatAreNotCanonical(String id) {
        assertProblem(http.get("/api/v1/posts/" + id, token), 400);
        assertProblem(http.put("/api/v1/following/" + id, token), 400);
        assertProblem(http.delete("/api/v1/posts/" + id, token), 400);
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "101", "-5", "ten", "1e1", ""})
    void refusesPageLimitsOutsideOneToAHundred(String limit) {
        assertProblem(http.get("/api/v1/following?limit=" + limit, token), 400);
        assertProblem(http.get("/api/v1/feed?limit=" + limit, token), 400);
    }

    @Test
    void refusesBodiesOver64KiBWith413() {
        String big = "{\"text\": \"" + "a".repeat(70_000) + "\"}";
        assertProblem(http.post("/api/v1/posts", token, big), 413);
    }

    @Test
    void refusesAnOversizedHeaderWithAProblemNotAnHtmlPage() {
        Http.Response response = http.request("GET", "/api/v1/feed").token(token).header("X-Padding", "a".repeat(20_000)).send();

        assertProblem(response, 400);
        assertThat(response.raw()).doesNotContainIgnoringCase("<html");
        assertThat(http.get("/api/v1/feed", token).status()).isEqualTo(200);
    }

    @Test
    void refusesChunkedBodiesOver64KiBWith413() {
        byte[] big = ("{\"text\": \"" + "a".repeat(70_000) + "\"}").getBytes();
        HttpRequest.BodyPublisher chunked = new HttpRequest.BodyPublisher() {
            private final HttpRequest.BodyPublisher inner = HttpRequest.BodyPublishers.ofByteArray(big);

            @Override
            public long contentLength() {
                return -1; // unknown length: sent chunked
            }

            @Override
            public void subscribe(Flow.Subscriber<? super java.nio.ByteBuffer> subscriber) {
                inner.subscribe(subscriber);
            }
        };
        Http.Response response = http.request("POST", "/api/v1/posts").token(token)
                .header("Content-Type", "application/json").body(chunked).send();
        assertProblem(response, 413);
        assertNoPostsBy();
    }

    @Test
    void unknownRoutesAndMethodsAreProblemsToo() {
        assertProblem(http.get("/api/v1/nothing-here", token), 404);
        assertProblem(http.request("PUT", "/api/v1/posts").token(token).json("{}").send(), 405);
    }

    private void assertProblem(Http.Response response, int status) {
        assertThat(response.status()).as(response.raw()).isEqualTo(status);
        assertThat(response.contentType()).startsWith("application/problem+json");
        JsonNode problem = response.json();
        assertThat(problem.has("type")).isTrue();
        assertThat(problem.get("title").asText()).isNotBlank();
        assertThat(problem.get("status").asInt()).isEqualTo(status);
        assertThat(problem.get("detail").asText()).isNotBlank();
        assertThat(response.raw()).doesNotContainIgnoringCase("exception")
                .doesNotContain("at dev.", "at org.", "SELECT ", "INSERT ", "java.", "org.springframework", "dev.homefeed");
    }

    /** Nothing was published by this user: no such event reached the event store, the source truth. */
    private void assertNoPostsBy() {
        Long published = jdbc.sql("""
                SELECT count(*) FROM domain_event_entry
                WHERE payload_type LIKE '%PostPublishedEvent'
                  AND convert_from(payload, 'UTF8')::jsonb -> 'authorId' ->> 'value' = :user""")
                .param("user", Long.toString(user)).query(Long.class).single();
        assertThat(published).isZero();
    }
}
