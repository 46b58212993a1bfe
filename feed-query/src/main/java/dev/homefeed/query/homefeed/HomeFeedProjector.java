package dev.homefeed.query.homefeed;

import dev.homefeed.command.api.erasure.UserErasedEvent;
import dev.homefeed.command.api.follow.UserFollowedEvent;
import dev.homefeed.command.api.follow.UserUnfollowedEvent;
import dev.homefeed.command.api.post.PostDeletedEvent;
import dev.homefeed.command.api.post.PostEditedEvent;
import dev.homefeed.command.api.post.PostPublishedEvent;
import dev.homefeed.projection.batching.EventBatches;
import dev.homefeed.query.homefeed.HomeFeedChange.Delete;
import dev.homefeed.query.homefeed.HomeFeedChange.Erase;
import dev.homefeed.query.homefeed.HomeFeedChange.Edit;
import dev.homefeed.query.homefeed.HomeFeedChange.Follow;
import dev.homefeed.query.homefeed.HomeFeedChange.Publish;
import dev.homefeed.query.homefeed.HomeFeedChange.Unfollow;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;

/**
 * Fans posts out into {@code user_feed} on write. Decisions use event data only, never the wall clock, so live
 * processing and a replay produce the same rows; expiry is applied when the feed is read. Handlers only turn their
 * event into a {@link HomeFeedChange}: the whole processor batch is written by the {@link HomeFeedPipeline} before it
 * commits ({@link EventBatches}).
 */
class HomeFeedProjector {

    private final String processingGroup;
    private final HomeFeedPipeline pipeline;
    private final EventBatches batches;
    private final EventBatches.Writer<HomeFeedChange> writer;

    /** One per processing group: the serving processor's and its rebuild twin's ({@link HomeFeedProjection}). */
    HomeFeedProjector(String processingGroup, HomeFeedPipeline pipeline, EventBatches batches) {
        this.processingGroup = processingGroup;
        this.pipeline = pipeline;
        this.batches = batches;
        this.writer = changes -> pipeline.write(processingGroup, changes);
    }

    String processingGroup() {
        return processingGroup;
    }

    /** An erased author's post (its text can no longer be read) is not projected: a replay never brings it back. */
    @EventHandler
    void on(PostPublishedEvent e) {
        if (e.erased()) {
            return;
        }
        collect(new Publish(e.postId().value(), e.authorId().value(), e.text(), e.createdAt(), e.expiresAt()));
    }

    @EventHandler
    void on(PostEditedEvent e) {
        if (e.erased()) {
            return;
        }
        collect(new Edit(e.postId().value(), e.text(), e.version()));
    }

    @EventHandler
    void on(PostDeletedEvent e) {
        collect(new Delete(e.postId().value()));
    }

    @EventHandler
    void on(UserFollowedEvent e) {
        collect(new Follow(e.followerId().value(), e.followeeId().value()));
    }

    @EventHandler
    void on(UserUnfollowedEvent e) {
        collect(new Unfollow(e.followerId().value(), e.followeeId().value()));
    }

    @EventHandler
    void on(UserErasedEvent e) {
        collect(new Erase(e.userId().value()));
    }

    private void collect(HomeFeedChange change) {
        batches.add(processingGroup, writer, change);
    }

    @ResetHandler
    void reset() {
        pipeline.clear(processingGroup);
    }
}
