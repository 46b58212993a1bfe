package dev.homefeed.api.feed;

import static dev.homefeed.api.position.FeedPositionHeaders.FEED_MIN_POSITION;

import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import dev.homefeed.api.paging.CursorFormat;
import dev.homefeed.api.paging.Cursors;
import dev.homefeed.api.paging.PageLimits;
import dev.homefeed.api.position.FeedPositionHeaders;
import dev.homefeed.api.security.Caller;
import dev.homefeed.api.wire.Timestamps;
import dev.homefeed.projection.api.Freshness;
import dev.homefeed.query.api.FeedEntry;
import dev.homefeed.query.api.FeedPosition;
import dev.homefeed.query.api.HomeFeedPage;
import dev.homefeed.query.api.ServedFrom;
import dev.homefeed.query.homefeed.HomeFeedReads;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
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
    private final FeedPositionHeaders headers;
    private final Map<ServedFrom, Counter> reads = new EnumMap<>(ServedFrom.class);

    HomeFeedController(HomeFeedReads feed, Cursors cursors, FeedPositionHeaders headers, MeterRegistry registry) {
        this.feed = feed;
        this.cursors = cursors;
        this.headers = headers;
        for (ServedFrom servedFrom : ServedFrom.values()) {
            reads.put(servedFrom, Counter.builder("feed.home-feed.reads").description("Home feed pages, by what served them")
                    .tag("served_from", servedFrom.wireName()).register(registry));
        }
    }

    @GetMapping
    @Operation(summary = "Read the caller's home feed; Feed-Min-Position makes it reflect the caller's own writes")
    FeedResponse read(Caller caller, @RequestParam(required = false) String limit, @RequestParam(required = false) String cursor,
                      @RequestHeader(name = FEED_MIN_POSITION, required = false) String minPosition) {
        long viewer = caller.id().value();
        int size = PageLimits.parse(limit);
        FeedPosition after = cursors.decode(FEED, viewer, cursor);
        long position = headers.minPosition(minPosition);
        HomeFeedPage page = position < 0 ? feed.page(viewer, size, after) : feed.page(viewer, size, after, position);
        reads.get(page.servedFrom()).increment();
        return new FeedResponse(page.entries().stream().map(FeedItem::of).toList(), cursors.encode(FEED, viewer, page.next()),
                FreshnessView.of(page));
    }

    record FeedResponse(List<FeedItem> items, String nextCursor, FreshnessView freshness) {
    }

    record FeedItem(String postId, String authorId, String text, String createdAt, String expiresAt) {
        static FeedItem of(FeedEntry e) {
            return new FeedItem(Long.toString(e.postId()), Long.toString(e.authorId()), e.text(),
                    Timestamps.format(e.createdAt()), Timestamps.format(e.expiresAt()));
        }
    }

    record FreshnessView(String projectedThrough, long lagEvents, long lagMillis, boolean replaying, String servedFrom) {
        static FreshnessView of(HomeFeedPage page) {
            Freshness f = page.freshness();
            return new FreshnessView(Timestamps.format(f.projectedThrough()), f.lagEvents(), f.lagMillis(), f.replaying(),
                    page.servedFrom().wireName());
        }
    }
}
