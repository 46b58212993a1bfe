package dev.homefeed.postgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Set;

import org.postgresql.ds.PGSimpleDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes a streaming standby of a running embedded PostgreSQL from the same binaries. Zonky's archive has no
 * {@code pg_basebackup}, so this is PostgreSQL's low-level base backup: {@code pg_backup_start}, a copy of the data
 * directory while the primary keeps running, {@code pg_backup_stop}, whose label goes into the copy. A physical
 * replication slot, created before the copy, keeps the primary's WAL from then on until the standby has streamed it.
 * For tests and for trying read replicas by hand; the service itself never starts a standby.
 */
public final class StandbyLauncher {

    private static final Logger log = LoggerFactory.getLogger(StandbyLauncher.class);
    /** What a base backup leaves out (PostgreSQL's documentation, "Making a Base Backup Using the Low Level API"). */
    private static final Set<String> EMPTIED = Set.of("pg_wal", "pg_replslot", "pg_dynshmem", "pg_notify", "pg_serial",
            "pg_snapshots", "pg_stat_tmp", "pg_subtrans");
    private static final Set<String> LEFT_OUT = Set.of("postmaster.pid", "postmaster.opts", "backup_label", "standby.signal");

    private StandbyLauncher() {
    }

    /**
     * Starts a standby of {@code primary} with its files in {@code dataDirectory} (a directory of its own, as the
     * primary's {@code FEED_DATA_DIR}), streaming through the replication slot {@code slot}; a standby already made
     * there is started again as it is.
     */
    public static RunningStandby start(RunningPostgres primary, Path dataDirectory, String slot) {
        if (!slot.matches("[a-z_][a-z0-9_]*")) {
            throw new IllegalArgumentException("Replication slot names are lower-case identifiers: " + slot);
        }
        PgCtl primaryPg = primary.pgCtl();
        DatabaseUser user = primaryPg.user();
        ClusterFiles files = ClusterFiles.in(dataDirectory.toAbsolutePath().normalize());
        EmbeddedPostgresSettings settings = primary.settings();
        try {
            ClusterSetup.prepareRoot(files, user);
            LauncherLock lock = LauncherLock.acquire(files.lock());
            try {
                Files.writeString(files.password(), primary.password());
                FileModes.set(files.password(), "rw-------");
                user.own(files.password());
                PgCtl pg = new PgCtl(primaryPg.home(), files, user);
                if (!Files.exists(files.cluster().resolve("PG_VERSION"))) {
                    baseBackup(primary, files, slot);
                    log.info("Base backup of the PostgreSQL on port {} copied to {}", primary.port(), files.cluster());
                }
                OrphanedPostmaster.stopIfRunning(pg);
                int port = new ServerStart(pg, settings).run();
                RunningPostgres standby = new RunningPostgres(pg, settings.withDataDirectory(dataDirectory), lock, port,
                        primary.username(), primary.password(), primary.settings().database());
                log.info("Standby of the PostgreSQL on port {} listening on 127.0.0.1:{}", primary.port(), port);
                return new RunningStandby(primary, standby, files, slot);
            } catch (RuntimeException | IOException e) {
                lock.close();
                throw e;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot make a standby in " + files.root(), e);
        }
    }

    private static void baseBackup(RunningPostgres primary, ClusterFiles files, String slot) throws IOException {
        Path copy = files.clusterInProgress();
        FileModes.deleteTree(copy);
        try (Connection c = connect(primary)) {
            try (PreparedStatement create = c.prepareStatement("""
                    SELECT pg_create_physical_replication_slot(?, true)
                    WHERE NOT EXISTS (SELECT 1 FROM pg_replication_slots WHERE slot_name = ?)""")) {
                create.setString(1, slot);
                create.setString(2, slot);
                create.execute();
            }
            // The backup belongs to this session: pg_backup_stop must come from the same connection.
            try (PreparedStatement start = c.prepareStatement("SELECT pg_backup_start(?, true)")) {
                start.setString(1, "standby " + slot);
                start.execute();
            }
            copyCluster(primary.cluster(), copy);
            String label;
            try (PreparedStatement stop = c.prepareStatement("SELECT labelfile FROM pg_backup_stop(false)");
                    ResultSet rs = stop.executeQuery()) {
                rs.next();
                label = rs.getString(1);
            }
            Files.writeString(copy.resolve("backup_label"), label);
            Files.createFile(copy.resolve("standby.signal"));
            // Password in the conninfo: the copy's own files hold it, readable by the database user only.
            Files.writeString(copy.resolve("postgresql.auto.conf"), """
                    primary_conninfo = 'host=127.0.0.1 port=%d user=%s password=%s application_name=%s'
                    primary_slot_name = '%s'
                    """.formatted(primary.port(), primary.username(), primary.password(), slot, slot),
                    StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        } catch (SQLException e) {
            throw new IllegalStateException("Base backup of the PostgreSQL on port " + primary.port() + " failed", e);
        }
        ownTree(copy, primary.pgCtl().user());
        Files.move(copy, files.cluster(), StandardCopyOption.ATOMIC_MOVE);
    }

    /** Copies PGDATA while the server writes to it: files that vanish meanwhile are skipped, the WAL replay mends the rest. */
    private static void copyCluster(Path from, Path to) throws IOException {
        Files.walkFileTree(from, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                Path target = to.resolve(from.relativize(dir).toString());
                Files.createDirectories(target);
                FileModes.set(target, FileModes.OWNER_ONLY);
                if (EMPTIED.contains(dir.getFileName().toString()) && !dir.equals(from)) {
                    if (dir.getFileName().toString().equals("pg_wal")) {
                        Files.createDirectories(target.resolve("archive_status"));
                    }
                    return FileVisitResult.SKIP_SUBTREE;
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                String name = file.getFileName().toString();
                if (!attrs.isRegularFile() || LEFT_OUT.contains(name) || name.startsWith("pgsql_tmp")) {
                    return FileVisitResult.CONTINUE;
                }
                try {
                    Files.copy(file, to.resolve(from.relativize(file).toString()), StandardCopyOption.COPY_ATTRIBUTES);
                } catch (NoSuchFileException gone) {
                    // Dropped by the server during the copy; the WAL from the backup's start says so too.
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                if (e instanceof NoSuchFileException) {
                    return FileVisitResult.CONTINUE;
                }
                throw e;
            }
        });
    }

    private static void ownTree(Path root, DatabaseUser user) throws IOException {
        try (var paths = Files.walk(root)) {
            paths.forEach(user::own);
        }
    }

    static Connection connect(RunningPostgres server) throws SQLException {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setURL(server.jdbcUrl("postgres"));
        ds.setUser(server.username());
        ds.setPassword(server.password());
        return ds.getConnection();
    }
}
