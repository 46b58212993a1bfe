package dev.homefeed.query.homefeed;

import java.time.Instant;

/**
 * What one event changes in the home feed, taken from the event alone. {@link HomeFeedPipeline} writes a batch of
 * them as runs of one {@link Kind}.
 */
sealed interface HomeFeedChange {

    /** The kinds of change; a run of one kind is written by one statement class. */
    enum Kind { PUBLISH, EDIT, DELETE, FOLLOW, UNFOLLOW, ERASE }

    Kind kind();

    record Publish(long postId, long authorId, String text, Instant createdAt, Instant expiresAt) implements HomeFeedChange {
        public Kind kind() {
            return Kind.PUBLISH;
        }
    }

    record Edit(long postId, String text, long version) implements HomeFeedChange {
        public Kind kind() {
            return Kind.EDIT;
        }
    }

    record Delete(long postId) implements HomeFeedChange {
        public Kind kind() {
            return Kind.DELETE;
        }
    }

    record Follow(long followerId, long followeeId) implements HomeFeedChange {
        public Kind kind() {
            return Kind.FOLLOW;
        }
    }

    record Unfollow(long followerId, long followeeId) implements HomeFeedChange {
        public Kind kind() {
            return Kind.UNFOLLOW;
        }
    }

    /** The user was erased: everything of theirs leaves the generation. */
    record Erase(long userId) implements HomeFeedChange {
        public Kind kind() {
            return Kind.ERASE;
        }
    }
}
