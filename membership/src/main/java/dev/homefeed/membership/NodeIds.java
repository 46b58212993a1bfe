package dev.homefeed.membership;

/** Snowflake node ids: ten bits, so 0..1023, leased one per live instance ({@link Instances}). */
final class NodeIds {

    static final int MAX = 1023;

    private NodeIds() {
    }

    /** The node id {@code FEED_NODE_ID} pins, or null when it is unset: then the lowest free one is leased. */
    static Integer parsePinned(String pinned) {
        if (pinned == null || pinned.isBlank()) {
            return null;
        }
        try {
            int node = Integer.parseInt(pinned.trim());
            if (node >= 0 && node <= MAX) {
                return node;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw new IllegalArgumentException("FEED_NODE_ID (feed.node-id) must be between 0 and " + MAX + ", was '" + pinned + "'");
    }
}
