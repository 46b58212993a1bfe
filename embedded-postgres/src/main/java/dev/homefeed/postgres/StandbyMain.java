package dev.homefeed.postgres;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * Starts a streaming standby of a running service's embedded PostgreSQL, from the same binaries, and keeps it running
 * until this process is stopped (Ctrl-C stops the standby too). For trying read replicas without Docker:
 * <pre>
 * java -cp feed-api/target/feed-api-0.1.0-SNAPSHOT.jar -Dloader.main=dev.homefeed.postgres.StandbyMain \
 *     org.springframework.boot.loader.launch.PropertiesLauncher --primary-data-dir data --data-dir data-standby
 * </pre>
 * It prints the JDBC URL to give the service as {@code FEED_READ_REPLICA_URLS}.
 */
public final class StandbyMain {

    private StandbyMain() {
    }

    public static void main(String[] args) throws Exception {
        Path primaryDataDir = null;
        Path dataDir = null;
        String slot = "standby_1";
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--primary-data-dir" -> primaryDataDir = Path.of(args[++i]);
                case "--data-dir" -> dataDir = Path.of(args[++i]);
                case "--slot" -> slot = args[++i];
                default -> usage("unknown argument " + args[i]);
            }
        }
        if (primaryDataDir == null || dataDir == null) {
            usage("both --primary-data-dir and --data-dir are needed");
        }
        RunningStandby standby = StandbyLauncher.start(attach(primaryDataDir), dataDir, slot);
        System.out.println("Standby ready: FEED_READ_REPLICA_URLS=" + standby.jdbcUrl("feed"));
        new CountDownLatch(1).await();
    }

    /** The service's PostgreSQL as its data directory describes it: binaries, port and password files. */
    private static RunningPostgres attach(Path primaryDataDir) throws IOException {
        ClusterFiles files = ClusterFiles.in(primaryDataDir.toAbsolutePath().normalize());
        if (!Files.isRegularFile(files.port()) || !Files.isRegularFile(files.password())) {
            usage(files.root() + " holds no embedded PostgreSQL (no port or password file): is --primary-data-dir the"
                    + " service's FEED_DATA_DIR?");
        }
        String binaries = System.getenv().getOrDefault("FEED_EMBEDDED_POSTGRES_BINARIES_DIR", "");
        EmbeddedPostgresSettings settings = EmbeddedPostgresSettings.forDataDirectory(primaryDataDir);
        if (!binaries.isBlank()) {
            settings = settings.withBinariesDirectory(Path.of(binaries));
        }
        DatabaseUser user = DatabaseUser.forThisProcess(settings.osUserWhenRoot());
        PgCtl pg = new PgCtl(PostgresBinaries.install(settings.binariesDirectory()), files, user);
        int port = Integer.parseInt(Files.readString(files.port()).strip());
        return RunningPostgres.attached(pg, settings, port, EmbeddedPostgresLauncher.SUPERUSER, Files.readString(files.password()).strip());
    }

    private static void usage(String problem) {
        System.err.println(problem + "\nusage: StandbyMain --primary-data-dir <the service's FEED_DATA_DIR> --data-dir <a directory"
                + " for the standby> [--slot <replication slot name>]");
        System.exit(2);
    }
}
