package dev.homefeed.query.api;

/** The names of the read models' projections; each is also its processing group and its admin path. */
public final class ProjectionNames {

    public static final String HOME_FEED = "home-feed";
    public static final String READ_MARKER = "read-marker";

    private ProjectionNames() {
    }
}
