package dev.homefeed.query.support;

import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import dev.homefeed.command.api.PostId;
import dev.homefeed.command.api.UserId;

/**
 * The contract's definition of a home feed, kept from what a test did: the live posts by the viewer or by anyone the
 * viewer follows, newest first, with their latest text. It is the oracle a projection must converge to, so it knows
 * nothing of how the projection gets there. Safe to record into from several threads.
 */
public final class FeedModel {

    private record Post(long id, long author, String text, Instant expiresAt) {
        boolean liveAt(Instant now) {
            return expiresAt == null || expiresAt.isAfter(now);
        }
    }

    private final Clock clock;
    private final Map<Long, Post> live = new ConcurrentHashMap<>();
    private final Map<Long, Set<Long>> following = new ConcurrentHashMap<>();

    public FeedModel(Clock clock) {
        this.clock = clock;
    }

    public void published(PostId post, UserId author, String text, Instant expiresAt) {
        live.put(post.value(), new Post(post.value(), author.value(), text, expiresAt));
    }

    public void edited(PostId post, String text) {
        live.computeIfPresent(post.value(), (id, p) -> new Post(id, p.author(), text, p.expiresAt()));
    }

    public void deleted(PostId post) {
        live.remove(post.value());
    }

    public void followed(UserId follower, UserId followee) {
        following.computeIfAbsent(follower.value(), f -> ConcurrentHashMap.newKeySet()).add(followee.value());
    }

    public void unfollowed(UserId follower, UserId followee) {
        following.computeIfAbsent(follower.value(), f -> ConcurrentHashMap.newKeySet()).remove(followee.value());
    }

    /** Post ids, newest first: a post's createdAt is the millisecond in its id, so id order is (createdAt, postId) order. */
    public List<Long> feed(UserId viewer) {
        Set<Long> authors = new HashSet<>(following.getOrDefault(viewer.value(), Set.of()));
        authors.add(viewer.value());
        Instant now = clock.instant();
        return live.values().stream()
                .filter(post -> authors.contains(post.author()) && post.liveAt(now))
                .sorted(Comparator.comparingLong(Post::id).reversed())
                .map(Post::id)
                .toList();
    }

    /** The post's latest text; empty once it was deleted. */
    public Optional<String> text(long post) {
        return Optional.ofNullable(live.get(post)).map(Post::text);
    }
}
