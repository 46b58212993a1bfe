package dev.homefeed.api.feed;

/** The viewer never set a read marker (or its first move is not projected yet): 404. */
public class ReadMarkerNotSetException extends RuntimeException {

    public ReadMarkerNotSetException() {
        super("no read marker set");
    }
}
