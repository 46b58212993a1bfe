package dev.homefeed.query.api;

import java.time.Instant;

/** One post in a viewer's home feed. */
public record FeedEntry(long postId, long authorId, String text, Instant createdAt, Instant expiresAt) {
}
