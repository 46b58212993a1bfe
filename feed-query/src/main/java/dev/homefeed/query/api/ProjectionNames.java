package dev.homefeed.query.api;

import java.util.List;

/** The projections the feed and the read marker depend on; each name is also its processing group. */
public final class ProjectionNames {

    public static final String HOME_FEED = "home-feed";
    public static final String READ_MARKER = "read-marker";
    public static final List<String> ALL = List.of(HOME_FEED, READ_MARKER);

    private ProjectionNames() {
    }
}
