package dev.homefeed.query.homefeed;

import java.time.Duration;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.stereotype.Component;

/**
 * How much of each feed {@code user_feed} keeps: at most {@code feed.home-feed.window} rows per viewer, the newest,
 * and only for viewers who read their feed within {@code feed.home-feed.inactive-after}. The rest of every feed is
 * answered from source truth, so neither setting changes what a reader sees, only what it costs.
 */
@Component
public class HomeFeedWindow {

    private final int size;
    private final Duration inactiveAfter;

    HomeFeedWindow(@Value("${feed.home-feed.window:800}") String size,
                   @Value("${feed.home-feed.inactive-after:P14D}") String inactiveAfter) {
        this.size = parseSize(size);
        this.inactiveAfter = parseInactiveAfter(inactiveAfter);
    }

    /** Rows kept per viewer, at least 1. */
    public int size() {
        return size;
    }

    /** A viewer who has not read their feed for this long gets no rows. */
    public Duration inactiveAfter() {
        return inactiveAfter;
    }

    private static int parseSize(String raw) {
        try {
            int size = Integer.parseInt(raw.strip());
            if (size >= 1) {
                return size;
            }
        } catch (NumberFormatException notANumber) {
            // refused below, with the property's name
        }
        throw new IllegalArgumentException("feed.home-feed.window (FEED_HOME_FEED_WINDOW) must be a whole number of at least 1, was '" + raw + "'");
    }

    private static Duration parseInactiveAfter(String raw) {
        try {
            Duration duration = DurationStyle.detectAndParse(raw.strip());
            if (!duration.isNegative() && !duration.isZero()) {
                return duration;
            }
        } catch (IllegalArgumentException unparsable) {
            // refused below, with the property's name
        }
        throw new IllegalArgumentException("feed.home-feed.inactive-after (FEED_HOME_FEED_INACTIVE_AFTER) must be a positive"
                + " ISO-8601 duration such as P14D, was '" + raw + "'");
    }
}
