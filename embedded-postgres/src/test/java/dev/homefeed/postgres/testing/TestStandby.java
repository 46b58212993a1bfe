package dev.homefeed.postgres.testing;

import java.util.Map;

import dev.homefeed.postgres.EmbeddedPostgresLauncher;
import dev.homefeed.postgres.EmbeddedPostgresSettings;
import dev.homefeed.postgres.RunningPostgres;
import dev.homefeed.postgres.RunningStandby;
import dev.homefeed.postgres.StandbyLauncher;

/**
 * A primary with one streaming standby, for the read-replica tests: a cluster of their own (a standby of the shared
 * server would copy every test database there is), started on first use and stopped when the JVM exits. Unlike the
 * shared server this one is durable: a standby made from a primary without full page writes could copy torn pages.
 */
public final class TestStandby {

    /** The pair; the primary serves the database {@code feed}. */
    public record Pair(RunningPostgres primary, RunningStandby standby) {
    }

    private static Pair running;

    private TestStandby() {
    }

    public static synchronized Pair replicated() {
        if (running == null) {
            EmbeddedPostgresSettings settings = EmbeddedPostgresSettings.forDataDirectory(TestRun.directory().resolve("primary"))
                    .withBinariesDirectory(TestPostgres.binariesCache())
                    .withServerSettings(Map.of("max_connections", "200"));
            RunningPostgres primary = new EmbeddedPostgresLauncher(settings).start();
            primary.stopOnlyWhenClosed();
            RunningStandby standby = StandbyLauncher.start(primary, TestRun.directory().resolve("standby"), "test_standby");
            standby.stopOnlyWhenClosed();
            TestRun.beforeDelete(() -> {
                standby.close();
                primary.close();
            });
            running = new Pair(primary, standby);
        }
        return running;
    }
}
