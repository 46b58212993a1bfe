package dev.homefeed.command.api.post;

/**
 * The answer to {@link PublishPostCommand}: the post as the command side decided it.
 *
 * @param repeated true when the command repeated an earlier request's Idempotency-Key: {@code post} is then that
 *                 earlier post as it stands now, and nothing new was published
 */
public record PublishedPost(PostView post, boolean repeated) {
}
