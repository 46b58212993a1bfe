package dev.homefeed.api.post;

import dev.homefeed.api.wire.Timestamps;
import dev.homefeed.command.api.post.PostView;

/** A post on the wire: ids as strings, RFC 3339 timestamps, {@code version} a number. */
record PostResponse(String postId, String authorId, String text, String createdAt, String editedAt, String expiresAt,
                    long version) {

    static PostResponse of(PostView post) {
        return new PostResponse(post.postId().toString(), post.authorId().toString(), post.text(),
                Timestamps.format(post.createdAt()), Timestamps.format(post.editedAt()),
                Timestamps.format(post.expiresAt()), post.version());
    }

    String etag() {
        return "\"" + version + "\"";
    }
}
