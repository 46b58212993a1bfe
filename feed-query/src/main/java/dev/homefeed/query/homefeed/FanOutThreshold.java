package dev.homefeed.query.homefeed;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Authors with more followers than this are pulled at read time instead of being fanned out on write. The count
 * comes from follow events, so live processing and a replay decide alike; a new value takes effect for authors whose
 * count changes, and for all of them after a replay of {@code home-feed}.
 */
@Component
public class FanOutThreshold {

    private volatile int followers;

    FanOutThreshold(@Value("${feed.home-feed.pull-threshold:5000}") int followers) {
        set(followers);
    }

    public int followers() {
        return followers;
    }

    /** For operators and tests: the next replay rebuilds every author under the new threshold. */
    public void set(int followers) {
        if (followers < 1) {
            throw new IllegalArgumentException("feed.home-feed.pull-threshold must be at least 1, was " + followers);
        }
        this.followers = followers;
    }
}
