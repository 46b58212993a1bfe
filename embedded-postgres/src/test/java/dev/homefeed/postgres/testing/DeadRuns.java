package dev.homefeed.postgres.testing;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/** Clears what killed test JVMs left in the temp directory, PostgreSQL servers included. */
final class DeadRuns {

    static final String LOCK = "run.lock";
    // A run directory is created a moment before its lock; do not mistake a starting run for a dead one.
    private static final Duration GRACE = Duration.ofMinutes(10);

    private DeadRuns() {
    }

    static void clear(Path parent) throws IOException {
        try (Stream<Path> runs = Files.list(parent)) {
            for (Path run : runs.filter(Files::isDirectory).toList()) {
                if (isDead(run)) {
                    stopServers(run);
                    deleteTree(run);
                }
            }
        }
    }

    private static boolean isDead(Path run) throws IOException {
        Path lockFile = run.resolve(LOCK);
        if (!Files.exists(lockFile)) {
            return Files.getLastModifiedTime(run).toInstant().isBefore(Instant.now().minus(GRACE));
        }
        try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.WRITE);
                FileLock lock = channel.tryLock()) {
            return lock != null;
        }
    }

    private static void stopServers(Path run) throws IOException {
        try (Stream<Path> files = Files.walk(run, 4)) {
            for (Path pidFile : files.filter(file -> file.endsWith("postmaster.pid")).toList()) {
                List<String> lines = Files.readAllLines(pidFile, StandardCharsets.UTF_8);
                ProcessHandle.of(Long.parseLong(lines.get(0).trim()))
                        .filter(process -> process.info().command().orElse("").endsWith("postgres"))
                        .ifPresent(DeadRuns::kill);
            }
        } catch (NumberFormatException | IndexOutOfBoundsException unreadable) {
            // No pid, no server to stop.
        }
    }

    private static void kill(ProcessHandle postmaster) {
        postmaster.descendants().forEach(ProcessHandle::destroyForcibly);
        postmaster.destroyForcibly();
        postmaster.onExit().join();
    }

    static void deleteTree(Path root) {
        if (root == null || !Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            System.err.println("Could not delete test directory " + root + ": " + e);
        }
    }
}
