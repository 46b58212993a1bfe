package dev.homefeed.peer;

import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The three calls the benchmark makes, in the service's JSON shapes, in the seed's SQL. */
@RestController
class FeedController {

    record PostRequest(String text) {
    }

    record Post(String postId, String authorId, String text, String createdAt, String editedAt, String expiresAt, long version) {
    }

    record FeedItem(String postId, String authorId, String text, String createdAt, String expiresAt) {
    }

    record Freshness(String projectedThrough, long lagEvents, long lagMillis, boolean replaying) {
    }

    record FeedPage(List<FeedItem> items, String nextCursor, Freshness freshness) {
    }

    private final JdbcClient jdbc;

    FeedController(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @GetMapping("/health")
    Map<String, String> health() {
        return Map.of("status", "UP");
    }

    /** The post and its fan-out (one set-based statement: every follower and the author) in one transaction. */
    @PostMapping("/api/v1/posts")
    @Transactional
    ResponseEntity<Post> publish(@AuthenticationPrincipal Jwt caller, @RequestBody PostRequest request) {
        String text = request == null || request.text() == null ? "" : request.text().strip();
        if (text.isEmpty() || text.codePointCount(0, text.length()) > 500) {
            return ResponseEntity.badRequest().build();
        }
        long author = Long.parseLong(caller.getSubject());
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        long postId = jdbc.sql("INSERT INTO posts (author_id, text, created_at) VALUES (:author, :text, :now) RETURNING post_id")
                .param("author", author).param("text", text).param("now", Timestamp.from(now)).query(Long.class).single();
        jdbc.sql("""
                INSERT INTO user_feed (viewer_id, post_id, author_id, post_preview, created_at)
                SELECT viewer_id, :post, :author, :text, :now
                FROM (SELECT follower_id AS viewer_id FROM follows WHERE followee_id = :author UNION ALL SELECT :author) v""")
                .param("post", postId).param("author", author).param("text", text).param("now", Timestamp.from(now)).update();
        Post post = new Post(Long.toString(postId), Long.toString(author), text, now.toString(), null, null, 1);
        return ResponseEntity.status(HttpStatus.CREATED).header("Location", "/api/v1/posts/" + postId).body(post);
    }

    /** Follows, and copies the followee's live posts into the follower's feed, as the service's backfill does. */
    @PutMapping("/api/v1/following/{followee}")
    @Transactional
    ResponseEntity<Void> follow(@AuthenticationPrincipal Jwt caller, @PathVariable long followee) {
        long follower = Long.parseLong(caller.getSubject());
        if (follower == followee) {
            return ResponseEntity.badRequest().build();
        }
        jdbc.sql("""
                WITH added AS (INSERT INTO follows (follower_id, followee_id) VALUES (:follower, :followee)
                               ON CONFLICT DO NOTHING RETURNING followee_id)
                INSERT INTO user_feed (viewer_id, post_id, author_id, post_preview, created_at, expires_at)
                SELECT :follower, p.post_id, p.author_id, p.text, p.created_at, p.expires_at
                FROM posts p JOIN added a ON p.author_id = a.followee_id
                WHERE p.expires_at IS NULL OR p.expires_at > now()
                ON CONFLICT DO NOTHING""")
                .param("follower", follower).param("followee", followee).update();
        return ResponseEntity.noContent().build();
    }

    /** The seed's keyset query; the cursor is the last row's (created_at, post_id). */
    @GetMapping("/api/v1/feed")
    FeedPage feed(@AuthenticationPrincipal Jwt caller, @RequestParam(defaultValue = "20") int limit,
                  @RequestParam(required = false) String cursor) {
        long viewer = Long.parseLong(caller.getSubject());
        int size = Math.max(1, Math.min(100, limit));
        Instant beforeAt = Instant.parse("9999-12-31T00:00:00Z");
        long beforePost = Long.MAX_VALUE;
        if (cursor != null) {
            String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split("\\|");
            beforeAt = Instant.parse(parts[0]);
            beforePost = Long.parseLong(parts[1]);
        }
        List<FeedItem> rows = jdbc.sql("""
                SELECT post_id, author_id, post_preview, created_at, expires_at FROM user_feed
                WHERE viewer_id = :viewer AND (created_at, post_id) < (:at, :post)
                  AND (expires_at IS NULL OR expires_at > now())
                ORDER BY created_at DESC, post_id DESC
                LIMIT :limit""")
                .param("viewer", viewer).param("at", Timestamp.from(beforeAt)).param("post", beforePost).param("limit", size + 1)
                .query((rs, i) -> new FeedItem(Long.toString(rs.getLong(1)), Long.toString(rs.getLong(2)), rs.getString(3),
                        rs.getTimestamp(4).toInstant().toString(),
                        rs.getTimestamp(5) == null ? null : rs.getTimestamp(5).toInstant().toString()))
                .list();
        String next = null;
        if (rows.size() > size) {
            rows = rows.subList(0, size);
            FeedItem last = rows.get(size - 1);
            next = Base64.getUrlEncoder().withoutPadding()
                    .encodeToString((last.createdAt() + "|" + last.postId()).getBytes(StandardCharsets.UTF_8));
        }
        return new FeedPage(rows, next, new Freshness(null, 0, 0, false));
    }
}
