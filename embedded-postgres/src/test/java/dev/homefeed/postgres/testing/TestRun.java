package dev.homefeed.postgres.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * This test JVM's scratch directory under {@code java.io.tmpdir}, deleted when the JVM exits. It holds a
 * lock for the JVM's whole life; a directory whose lock is free belongs to a run that was killed, and its
 * leftovers (files, and PostgreSQL servers still running on them) are cleared by the next run.
 */
public final class TestRun {

    static final Path PARENT = Path.of(System.getProperty("java.io.tmpdir"), "feed-tests-" + System.getProperty("user.name"));

    private static final List<Runnable> BEFORE_DELETE = new ArrayList<>();
    private static Path directory;
    // Held in a field for the JVM's life: an unreachable channel is closed by the GC, which would free the lock and let
    // another test JVM take this run for dead and stop its database.
    private static FileLock lock;

    private TestRun() {
    }

    public static synchronized Path directory() {
        if (directory == null) {
            try {
                Files.createDirectories(PARENT);
                Files.setPosixFilePermissions(PARENT, PosixFilePermissions.fromString("rwx--x--x"));
                DeadRuns.clear(PARENT);
                Path created = Files.createTempDirectory(PARENT, "run-");
                // The embedded PostgreSQL runs as 'nobody' under root; it must be able to pass through.
                Files.setPosixFilePermissions(created, PosixFilePermissions.fromString("rwx--x--x"));
                lock = FileChannel.open(created.resolve(DeadRuns.LOCK), StandardOpenOption.CREATE, StandardOpenOption.WRITE)
                        .lock();
                directory = created;
                Runtime.getRuntime().addShutdownHook(new Thread(TestRun::cleanUp, "feed-test-run-cleanup"));
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot create the test run directory under " + PARENT, e);
            }
        }
        return directory;
    }

    /** Something to stop before the directory goes, such as a server whose files are in it. */
    static synchronized void beforeDelete(Runnable action) {
        BEFORE_DELETE.add(action);
    }

    private static synchronized void cleanUp() {
        // Shutdown hooks run concurrently: let Spring close the test contexts (and their event processors) while
        // the database still answers, instead of leaving them to retry against a stopped server.
        OpenContexts.awaitAllClosed(Duration.ofSeconds(20));
        BEFORE_DELETE.forEach(Runnable::run);
        DeadRuns.deleteTree(directory);
    }
}
