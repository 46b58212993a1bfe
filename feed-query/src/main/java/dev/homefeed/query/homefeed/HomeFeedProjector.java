package dev.homefeed.query.homefeed;

import dev.homefeed.command.api.follow.UserFollowedEvent;
import dev.homefeed.command.api.follow.UserUnfollowedEvent;
import dev.homefeed.command.api.post.PostDeletedEvent;
import dev.homefeed.command.api.post.PostEditedEvent;
import dev.homefeed.command.api.post.PostPublishedEvent;
import dev.homefeed.query.ops.SavepointPerEvent;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.springframework.stereotype.Component;

/**
 * Fans posts out into {@code user_feed} on write. Decisions use event data only, never the wall clock, so live
 * processing and a replay produce the same rows; expiry is applied when the feed is read.
 */
@Component
@SavepointPerEvent
@ProcessingGroup(HomeFeedProjector.GROUP)
class HomeFeedProjector {

    static final String GROUP = "home-feed";

    private final HomeFeedTables feed;
    private final FanOutThreshold threshold;

    HomeFeedProjector(HomeFeedTables feed, FanOutThreshold threshold) {
        this.feed = feed;
        this.threshold = threshold;
    }

    @EventHandler
    void on(PostPublishedEvent e) {
        feed.publish(e.postId().value(), e.authorId().value(), e.text(), e.createdAt(), e.expiresAt());
    }

    @EventHandler
    void on(PostEditedEvent e) {
        feed.edit(e.postId().value(), e.text(), e.version());
    }

    @EventHandler
    void on(PostDeletedEvent e) {
        feed.delete(e.postId().value());
    }

    @EventHandler
    void on(UserFollowedEvent e) {
        feed.follow(e.followerId().value(), e.followeeId().value(), threshold.followers());
    }

    @EventHandler
    void on(UserUnfollowedEvent e) {
        feed.unfollow(e.followerId().value(), e.followeeId().value(), threshold.followers());
    }

    @ResetHandler
    void reset() {
        feed.truncate();
    }
}
