package dev.homefeed.postgres;

import java.nio.file.Path;

/**
 * Resolves the service's data directory the same way for every component that keeps files there:
 * {@code feed.data-dir} (FEED_DATA_DIR) when set, else {@code ./data}, or {@code /var/lib/feed} as root,
 * because a root-owned home directory is usually not enterable by the unprivileged database user.
 */
public final class DataDirectory {

    public static final String PROPERTY = "feed.data-dir";

    private DataDirectory() {
    }

    public static Path resolve(String configured, boolean root) {
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured.trim()).toAbsolutePath().normalize();
        }
        return (root ? Path.of("/var/lib/feed") : Path.of("data")).toAbsolutePath().normalize();
    }
}
