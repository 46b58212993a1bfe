package dev.homefeed.postgres;

import java.nio.file.Path;

import dev.homefeed.postgres.testing.TestPostgres;

/**
 * A stand-in for the service in its own JVM, so a test can SIGKILL it and leave its PostgreSQL orphaned
 * exactly as a killed service would.
 */
public final class AbandoningService {

    private AbandoningService() {
    }

    public static void main(String[] args) throws InterruptedException {
        RunningPostgres postgres = new EmbeddedPostgresLauncher(EmbeddedPostgresSettings.forDataDirectory(Path.of(args[0]))
                .withBinariesDirectory(TestPostgres.binariesCache())).start();
        System.out.println("READY " + postgres.port());
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
