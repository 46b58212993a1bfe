package dev.homefeed.postgres;

import java.io.IOException;
import java.io.UncheckedIOException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts PostgreSQL from zonky's binaries on a cluster kept in the data directory: initdb on first use,
 * and on every start the clean-up a real machine needs (orphaned servers, stale pid files, taken ports).
 * Root and non-root take the same path; only the command prefix and file ownership differ.
 */
public final class EmbeddedPostgresLauncher {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresLauncher.class);
    static final String SUPERUSER = "feed";

    private final EmbeddedPostgresSettings settings;

    public EmbeddedPostgresLauncher(EmbeddedPostgresSettings settings) {
        this.settings = settings;
    }

    public RunningPostgres start() {
        long began = System.nanoTime();
        DatabaseUser user = DatabaseUser.forThisProcess(settings.osUserWhenRoot());
        ClusterFiles files = ClusterFiles.in(settings.dataDirectory());
        EnterableDirectories.check(files.root(), user, "FEED_DATA_DIR");
        EnterableDirectories.check(settings.binariesDirectory(), user, "feed.embedded-postgres.binaries-dir");
        try {
            ClusterSetup.prepareRoot(files, user);
            LauncherLock lock = LauncherLock.acquire(files.lock());
            try {
                PgCtl pg = new PgCtl(PostgresBinaries.install(settings.binariesDirectory()), files, user);
                String password = PasswordFile.readOrCreate(files.password(), user);
                ClusterSetup.initdbOnce(pg, SUPERUSER);
                OrphanedPostmaster.stopIfRunning(pg);
                int port = new ServerStart(pg, settings).run();
                RunningPostgres running = new RunningPostgres(pg, settings, lock, port, SUPERUSER, password, settings.database());
                try {
                    Databases.createIfMissing(running, settings.database());
                } catch (RuntimeException e) {
                    running.close();
                    throw e;
                }
                log.info("Embedded PostgreSQL ready in {} ms: data in {}, listening on 127.0.0.1:{} (database '{}', OS user '{}')",
                        (System.nanoTime() - began) / 1_000_000, files.root(), port, settings.database(), user.name());
                return running;
            } catch (RuntimeException | IOException e) {
                lock.close();
                throw e;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start the embedded PostgreSQL in " + files.root(), e);
        }
    }
}
