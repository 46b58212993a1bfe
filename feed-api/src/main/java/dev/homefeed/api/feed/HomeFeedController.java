package dev.homefeed.api.feed;

import java.time.Instant;
import java.util.List;

import dev.homefeed.api.paging.CursorFormat;
import dev.homefeed.api.paging.Cursors;
import dev.homefeed.api.paging.PageLimits;
import dev.homefeed.api.security.Caller;
import dev.homefeed.api.wire.Timestamps;
import dev.homefeed.projection.api.Freshness;
import dev.homefeed.query.api.FeedEntry;
import dev.homefeed.query.api.FeedPosition;
import dev.homefeed.query.api.HomeFeedPage;
import dev.homefeed.query.homefeed.HomeFeedReads;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The caller's home feed: their own and their followees' live posts, newest first, keyset-paginated. */
@RestController
@RequestMapping("/api/v1/feed")
@SecurityRequirement(name = "bearer")
class HomeFeedController {

    static final CursorFormat<FeedPosition> FEED = new CursorFormat<>("feed", 2,
            p -> List.of(Long.toString(p.createdAt().toEpochMilli()), Long.toString(p.postId())),
            parts -> new FeedPosition(Instant.ofEpochMilli(Long.parseLong(parts.get(0))), Long.parseLong(parts.get(1))));

    private final HomeFeedReads feed;
    private final Cursors cursors;

    HomeFeedController(HomeFeedReads feed, Cursors cursors) {
        this.feed = feed;
        this.cursors = cursors;
    }

    @GetMapping
    @Operation(summary = "Read the caller's home feed")
    FeedResponse read(Caller caller, @RequestParam(required = false) String limit, @RequestParam(required = false) String cursor) {
        long viewer = caller.id().value();
        int size = PageLimits.parse(limit);
        HomeFeedPage page = feed.page(viewer, size, cursors.decode(FEED, viewer, cursor));
        return new FeedResponse(page.entries().stream().map(FeedItem::of).toList(), cursors.encode(FEED, viewer, page.next()),
                FreshnessView.of(page.freshness()));
    }

    record FeedResponse(List<FeedItem> items, String nextCursor, FreshnessView freshness) {
    }

    record FeedItem(String postId, String authorId, String text, String createdAt, String expiresAt) {
        static FeedItem of(FeedEntry e) {
            return new FeedItem(Long.toString(e.postId()), Long.toString(e.authorId()), e.text(),
                    Timestamps.format(e.createdAt()), Timestamps.format(e.expiresAt()));
        }
    }

    record FreshnessView(String projectedThrough, long lagEvents, long lagMillis, boolean replaying) {
        static FreshnessView of(Freshness f) {
            return new FreshnessView(Timestamps.format(f.projectedThrough()), f.lagEvents(), f.lagMillis(), f.replaying());
        }
    }
}
