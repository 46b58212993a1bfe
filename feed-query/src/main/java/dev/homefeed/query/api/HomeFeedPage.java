package dev.homefeed.query.api;

import java.util.List;

import dev.homefeed.projection.api.Freshness;

/**
 * A page of a home feed, newest first; {@code next} is null on the last page. {@code freshness} says how far what
 * served the page had come ({@code servedFrom}): source truth is current, so a page it served alone has no lag.
 */
public record HomeFeedPage(List<FeedEntry> entries, FeedPosition next, Freshness freshness, ServedFrom servedFrom) {
}
