package dev.homefeed.command.post;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import dev.homefeed.command.api.erasure.UserErasedEvent;
import dev.homefeed.command.api.post.PostDeletedEvent;
import dev.homefeed.command.api.post.PostEditedEvent;
import dev.homefeed.command.api.post.PostPublishedEvent;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Keeps the command side's {@code post_by_author}: every live post's current text, by author. Its processor is
 * subscribing ({@link PostByAuthorLookupConfiguration}), so a row changes in the post command's own transaction, and
 * reconciliation can compute a feed from source truth.
 */
@Component
@ProcessingGroup(PostByAuthorLookup.PROCESSING_GROUP)
class PostByAuthorLookup {

    static final String PROCESSING_GROUP = "post-lookup";

    private final JdbcClient jdbc;

    PostByAuthorLookup(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(PostPublishedEvent event) {
        jdbc.sql("""
                INSERT INTO post_by_author (post_id, author_id, text, created_at, expires_at)
                VALUES (:post, :author, :text, :createdAt, :expiresAt)
                ON CONFLICT (post_id) DO NOTHING""")
                .param("post", event.postId().value())
                .param("author", event.authorId().value())
                .param("text", event.text())
                .param("createdAt", ts(event.createdAt()))
                .param("expiresAt", ts(event.expiresAt()))
                .update();
    }

    @EventHandler
    void on(PostEditedEvent event) {
        jdbc.sql("UPDATE post_by_author SET text = :text WHERE post_id = :post")
                .param("post", event.postId().value()).param("text", event.text()).update();
    }

    /** An erased author's posts go, with their text; the events of their deleted ones can no longer be read. */
    @EventHandler
    void on(UserErasedEvent event) {
        jdbc.sql("DELETE FROM post_by_author WHERE author_id = :author").param("author", event.userId().value()).update();
    }

    @EventHandler
    void on(PostDeletedEvent event) {
        jdbc.sql("DELETE FROM post_by_author WHERE post_id = :post").param("post", event.postId().value()).update();
    }

    private static OffsetDateTime ts(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }
}
