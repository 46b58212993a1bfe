package dev.homefeed.query.api;

import java.time.Instant;

/** A keyset position in a home feed: items strictly older than this come next. */
public record FeedPosition(Instant createdAt, long postId) {
}
