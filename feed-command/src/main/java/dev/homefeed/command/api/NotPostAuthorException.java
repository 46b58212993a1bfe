package dev.homefeed.command.api;

/** Only a post's author may edit or delete it. */
public class NotPostAuthorException extends RuntimeException {

    public NotPostAuthorException(PostId postId) {
        super("only the author may change post " + postId);
    }
}
