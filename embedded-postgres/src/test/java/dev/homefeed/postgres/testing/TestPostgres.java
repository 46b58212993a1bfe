package dev.homefeed.postgres.testing;

import java.nio.file.Path;
import java.util.Map;

import dev.homefeed.postgres.EmbeddedPostgresLauncher;
import dev.homefeed.postgres.EmbeddedPostgresSettings;
import dev.homefeed.postgres.RunningPostgres;

/**
 * The one embedded PostgreSQL of this test JVM: a fresh cluster in {@link TestRun#directory()}, started on
 * first use and stopped when the JVM exits. Durability is switched off; a crash only loses test data. Commits keep
 * the server's default mode, synchronous, so tests see which transactions the service makes asynchronous.
 */
public final class TestPostgres {

    private static RunningPostgres running;

    private TestPostgres() {
    }

    public static synchronized RunningPostgres shared() {
        if (running == null) {
            EmbeddedPostgresSettings settings = EmbeddedPostgresSettings.forDataDirectory(TestRun.directory().resolve("shared"))
                    .withBinariesDirectory(binariesCache())
                    .withServerSettings(Map.of("fsync", "off", "full_page_writes", "off",
                            // Every cached application context keeps its own connection pool open.
                            "max_connections", "300"));
            running = new EmbeddedPostgresLauncher(settings).start();
            // Stopped by the run's cleanup once every test context has closed, not by a hook of its own beside them.
            running.stopOnlyWhenClosed();
            TestRun.beforeDelete(running::close);
        }
        return running;
    }

    /** Unpacked binaries outlive the run, so only the first test JVM on a machine pays for unpacking. */
    public static Path binariesCache() {
        return Path.of(System.getProperty("java.io.tmpdir"), "feed-test-postgres-binaries-" + System.getProperty("user.name"));
    }
}
