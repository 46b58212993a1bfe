package dev.homefeed.command.api;

/** The post is unknown, deleted or expired. */
public class PostNotFoundException extends RuntimeException {

    public PostNotFoundException(PostId postId) {
        super("post " + postId + " does not exist");
    }
}
