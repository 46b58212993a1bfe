package dev.homefeed.api.feed;

import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The contract's definition of a home feed, kept from what a test did: the live posts by the viewer or by anyone the
 * viewer follows, newest first. It is the oracle the projection must converge to. Its posts never expire.
 */
final class FeedModel {

    private record Post(long id, long author) {
    }

    private final Map<Long, Post> live = new ConcurrentHashMap<>();
    private final Map<Long, Set<Long>> following = new ConcurrentHashMap<>();

    void published(String postId, long author) {
        long id = Long.parseLong(postId);
        live.put(id, new Post(id, author));
    }

    void deleted(String postId) {
        live.remove(Long.parseLong(postId));
    }

    void followed(long follower, long followee) {
        following.computeIfAbsent(follower, f -> ConcurrentHashMap.newKeySet()).add(followee);
    }

    void unfollowed(long follower, long followee) {
        following.getOrDefault(follower, Set.of()).remove(followee);
    }

    /** Ids only: createdAt is the millisecond in the id, so id order is the feed's (createdAt, postId) order. */
    List<String> feed(long viewer) {
        Set<Long> authors = new HashSet<>(following.getOrDefault(viewer, Set.of()));
        authors.add(viewer);
        return live.values().stream()
                .filter(post -> authors.contains(post.author()))
                .sorted(Comparator.comparingLong(Post::id).reversed())
                .map(post -> Long.toString(post.id()))
                .toList();
    }
}
