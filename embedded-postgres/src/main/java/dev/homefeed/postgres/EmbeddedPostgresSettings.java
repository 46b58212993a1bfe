package dev.homefeed.postgres;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * How to run one embedded PostgreSQL.
 *
 * @param dataDirectory     the service's data directory; the cluster lives in its {@code postgres} subdirectory
 * @param binariesDirectory cache of unpacked PostgreSQL programs, shared by every cluster that points at it
 * @param osUserWhenRoot    who runs PostgreSQL when the service runs as root
 * @param database          the database created for the service
 * @param serverSettings    extra {@code postgresql.conf} settings, passed on the command line
 * @param startTimeout      how long startup (including crash recovery) may take
 */
public record EmbeddedPostgresSettings(Path dataDirectory, Path binariesDirectory, String osUserWhenRoot,
        String database, Map<String, String> serverSettings, Duration startTimeout) {

    public static final String DEFAULT_OS_USER = "nobody";

    public EmbeddedPostgresSettings {
        if (!database.matches("[a-z_][a-z0-9_]*")) {
            throw new IllegalArgumentException("Database names are lower-case identifiers: " + database);
        }
        serverSettings = Map.copyOf(serverSettings);
    }

    public static EmbeddedPostgresSettings forDataDirectory(Path dataDirectory) {
        Path absolute = dataDirectory.toAbsolutePath().normalize();
        return new EmbeddedPostgresSettings(absolute, absolute.resolve("postgres-binaries"), DEFAULT_OS_USER, "feed",
                Map.of(), Duration.ofMinutes(2));
    }

    public EmbeddedPostgresSettings withDataDirectory(Path directory) {
        return new EmbeddedPostgresSettings(directory.toAbsolutePath().normalize(), binariesDirectory, osUserWhenRoot,
                database, serverSettings, startTimeout);
    }

    public EmbeddedPostgresSettings withBinariesDirectory(Path directory) {
        return new EmbeddedPostgresSettings(dataDirectory, directory.toAbsolutePath().normalize(), osUserWhenRoot,
                database, serverSettings, startTimeout);
    }

    public EmbeddedPostgresSettings withOsUserWhenRoot(String user) {
        return new EmbeddedPostgresSettings(dataDirectory, binariesDirectory, user, database, serverSettings, startTimeout);
    }

    public EmbeddedPostgresSettings withServerSettings(Map<String, String> settings) {
        return new EmbeddedPostgresSettings(dataDirectory, binariesDirectory, osUserWhenRoot, database, settings, startTimeout);
    }
}
