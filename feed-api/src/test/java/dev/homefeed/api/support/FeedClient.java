package dev.homefeed.api.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.homefeed.api.wire.Timestamps;
import org.springframework.core.env.Environment;

/**
 * What the service's users do, over HTTP as a client would, each user with a token of their own. The plain calls
 * assert the status the contract promises; the {@code …Response} ones hand back whatever came, for tests about the
 * answer itself.
 */
public final class FeedClient {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Http http;
    private final Tokens tokens;

    public FeedClient(Http http, Tokens tokens) {
        this.http = http;
        this.tokens = tokens;
    }

    /** The running test application's server (known once it has started), with tokens it accepts. */
    public static FeedClient on(Environment environment) {
        return new FeedClient(new Http(environment.getRequiredProperty("local.server.port", Integer.class)), new Tokens(environment));
    }

    public Http http() {
        return http;
    }

    public String token(long user) {
        return tokens.user(user);
    }

    // ---------------------------------------------------------------------------------------------------- posts

    /** Publishes and answers the post's id. */
    public String publish(long author, String text) {
        return publish(author, text, null).get("postId").asText();
    }

    /** Publishes and answers the post as the service returned it. */
    public JsonNode publish(long author, String text, Instant expiresAt) {
        ObjectNode body = JSON.createObjectNode().put("text", text);
        if (expiresAt != null) {
            body.put("expiresAt", Timestamps.format(expiresAt));
        }
        Http.Response response = http.post("/api/v1/posts", token(author), body.toString());
        assertThat(response.status()).as(response.raw()).isEqualTo(201);
        return response.json();
    }

    public Http.Response publishResponse(long author, String text) {
        return http.post("/api/v1/posts", token(author), JSON.createObjectNode().put("text", text).toString());
    }

    public Http.Response edit(long author, String postId, String text) {
        return http.patch("/api/v1/posts/" + postId, token(author), JSON.createObjectNode().put("text", text).toString());
    }

    public Http.Response delete(long author, String postId) {
        return http.delete("/api/v1/posts/" + postId, token(author));
    }

    public Http.Response read(long user, String postId) {
        return http.get("/api/v1/posts/" + postId, token(user));
    }

    // -------------------------------------------------------------------------------------------------- follows

    public void follow(long follower, long followee) {
        Http.Response response = followResponse(follower, followee);
        assertThat(response.status()).as("follow %d -> %d: %s", follower, followee, response.raw()).isEqualTo(204);
    }

    public void unfollow(long follower, long followee) {
        Http.Response response = unfollowResponse(follower, followee);
        assertThat(response.status()).as("unfollow %d -> %d: %s", follower, followee, response.raw()).isEqualTo(204);
    }

    public Http.Response followResponse(long follower, long followee) {
        return http.put("/api/v1/following/" + followee, token(follower));
    }

    public Http.Response unfollowResponse(long follower, long followee) {
        return http.delete("/api/v1/following/" + followee, token(follower));
    }

    // ----------------------------------------------------------------------------------------------------- feed

    /** One page of the viewer's feed; {@code cursor} null for the first. */
    public JsonNode page(long viewer, int limit, String cursor) {
        Http.Response response = pageResponse(viewer, limit, cursor);
        assertThat(response.status()).as(response.raw()).isEqualTo(200);
        return response.json();
    }

    public Http.Response pageResponse(long viewer, int limit, String cursor) {
        return http.get("/api/v1/feed?limit=" + limit
                + (cursor == null ? "" : "&cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8)), token(viewer));
    }

    public Http.Response firstPageWithoutLimit(long viewer) {
        return http.get("/api/v1/feed", token(viewer));
    }

    /**
     * Reads the viewer's first page, which makes them active, until the projection answers it: their window is
     * materialized (in the background after a read that found none), so posts reach their rows in {@code user_feed}.
     */
    public void awaitWindow(long viewer) {
        await("window of " + viewer).atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                .until(() -> page(viewer, 1, null).at("/freshness/servedFrom").asText().equals("projection"));
    }

    /** The whole feed, following {@code nextCursor} until it is null. */
    public List<JsonNode> feed(long viewer) {
        List<JsonNode> items = new ArrayList<>();
        String cursor = null;
        do {
            JsonNode page = page(viewer, 100, cursor);
            page.get("items").forEach(items::add);
            cursor = nextCursor(page);
        } while (cursor != null);
        return items;
    }

    public List<String> feedIds(long viewer) {
        return ids(feed(viewer));
    }

    public static List<String> ids(Iterable<JsonNode> items) {
        List<String> ids = new ArrayList<>();
        items.forEach(item -> ids.add(item.get("postId").asText()));
        return ids;
    }

    public static String nextCursor(JsonNode page) {
        JsonNode next = page.get("nextCursor");
        return next == null || next.isNull() ? null : next.asText();
    }

    // ---------------------------------------------------------------------------------------------- read marker

    public Http.Response moveMarker(long viewer, String postId) {
        return http.request("PUT", "/api/v1/feed/cursor").token(token(viewer))
                .json(JSON.createObjectNode().put("lastSeenPostId", postId).toString()).send();
    }

    public Http.Response marker(long viewer) {
        return http.get("/api/v1/feed/cursor", token(viewer));
    }
}
