package dev.homefeed.api.position;

import java.util.regex.Pattern;

import dev.homefeed.api.problem.InvalidRequestException;
import dev.homefeed.command.eventstore.FeedPositions;
import org.springframework.stereotype.Component;

/**
 * Reading your own writes over HTTP: every command's answer carries {@code Feed-Position}, the global index of the
 * last event it appended; a feed or read-marker read may send it back as {@code Feed-Min-Position}.
 */
@Component
public class FeedPositionHeaders {

    public static final String FEED_POSITION = "Feed-Position";
    public static final String FEED_MIN_POSITION = "Feed-Min-Position";

    private static final Pattern CANONICAL = Pattern.compile("0|[1-9][0-9]{0,18}");

    private final FeedPositions positions;

    FeedPositionHeaders(FeedPositions positions) {
        this.positions = positions;
    }

    /**
     * The position a read must reflect, or -1 without the header. A value that is not a canonical non-negative
     * integer, or lies above the store's head (no write could have answered it), is a 400.
     */
    public long minPosition(String header) {
        if (header == null) {
            return -1;
        }
        String value = header.strip();
        long position;
        try {
            position = CANONICAL.matcher(value).matches() ? Long.parseLong(value) : -1;
        } catch (NumberFormatException tooLarge) {
            position = -1;
        }
        if (position < 0) {
            throw new InvalidRequestException(FEED_MIN_POSITION, "must be a position from a Feed-Position header, a non-negative integer");
        }
        if (position > positions.head()) {
            throw new InvalidRequestException(FEED_MIN_POSITION, "is above the event store's head");
        }
        return position;
    }
}
