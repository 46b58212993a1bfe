package dev.homefeed.api.post;

import jakarta.validation.constraints.NotNull;

/** The bodies of the post calls. Text rules are the command side's ({@code PostText}), checked by the aggregate. */
final class PostRequests {

    private PostRequests() {
    }

    /** @param expiresAt an RFC 3339 instant, or null for a post that never expires */
    record Publish(@NotNull(message = "is required") String text, String expiresAt) {
    }

    record Edit(@NotNull(message = "is required") String text) {
    }
}
