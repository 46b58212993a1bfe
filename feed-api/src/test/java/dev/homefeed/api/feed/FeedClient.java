package dev.homefeed.api.feed;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.homefeed.api.support.Http;
import dev.homefeed.api.support.Tokens;
import dev.homefeed.api.wire.Timestamps;

/** The calls the home-feed ITs make, over HTTP as a client would, each user with a token of their own. */
final class FeedClient {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Http http;
    private final Tokens tokens;

    FeedClient(Http http, Tokens tokens) {
        this.http = http;
        this.tokens = tokens;
    }

    /** Publishes and answers the post's id. */
    String publish(long author, String text) {
        return publish(author, text, null).get("postId").asText();
    }

    JsonNode publish(long author, String text, Instant expiresAt) {
        ObjectNode body = JSON.createObjectNode().put("text", text);
        if (expiresAt != null) {
            body.put("expiresAt", Timestamps.format(expiresAt));
        }
        Http.Response response = http.post("/api/v1/posts", token(author), body.toString());
        assertThat(response.status()).as(response.raw()).isEqualTo(201);
        return response.json();
    }

    Http.Response edit(long author, String postId, String text) {
        return http.patch("/api/v1/posts/" + postId, token(author), JSON.createObjectNode().put("text", text).toString());
    }

    Http.Response delete(long author, String postId) {
        return http.delete("/api/v1/posts/" + postId, token(author));
    }

    Http.Response read(long user, String postId) {
        return http.get("/api/v1/posts/" + postId, token(user));
    }

    void follow(long follower, long followee) {
        assertThat(http.put("/api/v1/following/" + followee, token(follower)).status()).isEqualTo(204);
    }

    void unfollow(long follower, long followee) {
        assertThat(http.delete("/api/v1/following/" + followee, token(follower)).status()).isEqualTo(204);
    }

    /** One page of the viewer's feed; {@code cursor} null for the first. */
    JsonNode page(long viewer, int limit, String cursor) {
        Http.Response response = pageResponse(viewer, limit, cursor);
        assertThat(response.status()).as(response.raw()).isEqualTo(200);
        return response.json();
    }

    Http.Response pageResponse(long viewer, int limit, String cursor) {
        return http.get("/api/v1/feed?limit=" + limit + (cursor == null ? "" : "&cursor=" + cursor), token(viewer));
    }

    Http.Response firstPageWithoutLimit(long viewer) {
        return http.get("/api/v1/feed", token(viewer));
    }

    /** The whole feed, following {@code nextCursor} until it is null. */
    List<JsonNode> feed(long viewer) {
        List<JsonNode> items = new ArrayList<>();
        String cursor = null;
        do {
            JsonNode page = page(viewer, 100, cursor);
            page.get("items").forEach(items::add);
            cursor = nextCursor(page);
        } while (cursor != null);
        return items;
    }

    List<String> feedIds(long viewer) {
        return ids(feed(viewer));
    }

    static List<String> ids(Iterable<JsonNode> items) {
        List<String> ids = new ArrayList<>();
        items.forEach(item -> ids.add(item.get("postId").asText()));
        return ids;
    }

    static String nextCursor(JsonNode page) {
        JsonNode next = page.get("nextCursor");
        return next == null || next.isNull() ? null : next.asText();
    }

    private String token(long user) {
        return tokens.user(user);
    }
}
