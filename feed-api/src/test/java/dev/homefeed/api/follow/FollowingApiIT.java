package dev.homefeed.api.follow;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import dev.homefeed.api.support.FeedIntegrationTest;
import dev.homefeed.api.support.Http;
import dev.homefeed.api.support.Tokens;
import dev.homefeed.api.support.Users;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.env.Environment;

/** Follow, unfollow and the following list: immediately consistent with the caller's own calls. */
@FeedIntegrationTest
class FollowingApiIT {

    @LocalServerPort
    int port;
    @Autowired
    Environment environment;

    Http http;
    Tokens tokens;
    long me;
    String token;

    @BeforeEach
    void setUp() {
        http = new Http(port);
        tokens = new Tokens(environment);
        me = Users.next();
        token = tokens.user(me);
    }

    @Test
    void followingShowsUpAtOnceAndUnfollowingRemovesIt() {
        long alice = Users.next();

        assertThat(http.put("/api/v1/following/" + alice, token).status()).isEqualTo(204);
        assertThat(items(http.get("/api/v1/following", token))).containsExactly(Long.toString(alice));

        assertThat(http.delete("/api/v1/following/" + alice, token).status()).isEqualTo(204);
        assertThat(items(http.get("/api/v1/following", token))).isEmpty();
    }

    @Test
    void followAndUnfollowAreIdempotent() {
        long bob = Users.next();

        assertThat(http.put("/api/v1/following/" + bob, token).status()).isEqualTo(204);
        assertThat(http.put("/api/v1/following/" + bob, token).status()).isEqualTo(204);
        assertThat(items(http.get("/api/v1/following", token))).containsExactly(Long.toString(bob));

        assertThat(http.delete("/api/v1/following/" + bob, token).status()).isEqualTo(204);
        assertThat(http.delete("/api/v1/following/" + bob, token).status()).isEqualTo(204);
        assertThat(http.delete("/api/v1/following/" + Users.next(), token).status()).isEqualTo(204);
    }

    @Test
    void nobodyFollowsThemselves() {
        Http.Response response = http.put("/api/v1/following/" + me, token);

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(items(http.get("/api/v1/following", token))).isEmpty();
    }

    @Test
    void pagesThroughEveryFolloweeOnceNewestFirst() {
        List<String> followed = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            long user = Users.next();
            http.put("/api/v1/following/" + user, token);
            followed.add(0, Long.toString(user));
        }

        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            JsonNode page = http.get("/api/v1/following?limit=3" + (cursor == null ? "" : "&cursor=" + cursor), token).json();
            page.get("items").forEach(item -> seen.add(item.asText()));
            cursor = page.get("nextCursor").isNull() ? null : page.get("nextCursor").asText();
            pages++;
        } while (cursor != null);

        assertThat(seen).containsExactlyElementsOf(followed);
        assertThat(pages).isEqualTo(3);
    }

    @Test
    void aCursorIsBoundToItsViewerAndCannotBeAltered() {
        for (int i = 0; i < 3; i++) {
            http.put("/api/v1/following/" + Users.next(), token);
        }
        String cursor = http.get("/api/v1/following?limit=1", token).json().get("nextCursor").asText();
        String someoneElse = tokens.user(Users.next());

        assertThat(http.get("/api/v1/following?cursor=" + cursor, token).status()).isEqualTo(200);
        assertThat(http.get("/api/v1/following?cursor=" + cursor, someoneElse).status()).isEqualTo(400);
        String altered = (cursor.charAt(0) == 'A' ? "B" : "A") + cursor.substring(1);
        assertThat(http.get("/api/v1/following?cursor=" + altered, token).status()).isEqualTo(400);
        assertThat(http.get("/api/v1/following?cursor=garbage", token).status()).isEqualTo(400);
        assertThat(http.get("/api/v1/following?cursor=", token).status()).isEqualTo(400);
    }

    private static List<String> items(Http.Response response) {
        assertThat(response.status()).isEqualTo(200);
        List<String> items = new ArrayList<>();
        response.json().get("items").forEach(item -> items.add(item.asText()));
        return items;
    }
}
