package dev.homefeed.command.api;

/** A post's text breaks the text rules; the message says which, worded to follow the field name ("must not be empty"). */
public class InvalidPostTextException extends RuntimeException {

    public InvalidPostTextException(String message) {
        super(message);
    }
}
