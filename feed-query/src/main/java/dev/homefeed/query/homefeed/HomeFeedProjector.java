package dev.homefeed.query.homefeed;

import dev.homefeed.command.api.follow.UserFollowedEvent;
import dev.homefeed.command.api.follow.UserUnfollowedEvent;
import dev.homefeed.command.api.post.PostDeletedEvent;
import dev.homefeed.command.api.post.PostEditedEvent;
import dev.homefeed.command.api.post.PostPublishedEvent;
import dev.homefeed.query.homefeed.HomeFeedChanges.Deleted;
import dev.homefeed.query.homefeed.HomeFeedChanges.Edited;
import dev.homefeed.query.homefeed.HomeFeedChanges.Followed;
import dev.homefeed.query.homefeed.HomeFeedChanges.Published;
import dev.homefeed.query.homefeed.HomeFeedChanges.Unfollowed;
import dev.homefeed.query.ops.EventBatches;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.springframework.stereotype.Component;

/**
 * Fans posts out into {@code user_feed} on write. Decisions use event data only, never the wall clock, so live
 * processing and a replay produce the same rows; expiry is applied when the feed is read. Handlers only collect
 * their change: the whole processor batch is written in a few set-based statements before it commits
 * ({@link EventBatches}).
 */
@Component
@ProcessingGroup(HomeFeedProjector.GROUP)
class HomeFeedProjector {

    static final String GROUP = "home-feed";

    private final HomeFeedTables feed;
    private final FanOutThreshold threshold;
    private final EventBatches batches;

    HomeFeedProjector(HomeFeedTables feed, FanOutThreshold threshold, EventBatches batches) {
        this.feed = feed;
        this.threshold = threshold;
        this.batches = batches;
    }

    @EventHandler
    void on(PostPublishedEvent e) {
        collect(new Published(e.postId().value(), e.authorId().value(), e.text(), e.createdAt(), e.expiresAt()));
    }

    @EventHandler
    void on(PostEditedEvent e) {
        collect(new Edited(e.postId().value(), e.text(), e.version()));
    }

    @EventHandler
    void on(PostDeletedEvent e) {
        collect(new Deleted(e.postId().value()));
    }

    @EventHandler
    void on(UserFollowedEvent e) {
        collect(new Followed(e.followerId().value(), e.followeeId().value()));
    }

    @EventHandler
    void on(UserUnfollowedEvent e) {
        collect(new Unfollowed(e.followerId().value(), e.followeeId().value()));
    }

    private void collect(Record change) {
        batches.add(GROUP, () -> new HomeFeedChanges(feed, threshold), changes -> changes.add(change));
    }

    @ResetHandler
    void reset() {
        feed.truncate();
    }
}
