package dev.homefeed.query.api;

import java.util.List;

import dev.homefeed.projection.api.Freshness;

/**
 * A page of a home feed, newest first; {@code next} is null on the last page. {@code freshness} says how far the
 * projection the page was read from had come.
 */
public record HomeFeedPage(List<FeedEntry> entries, FeedPosition next, Freshness freshness) {
}
