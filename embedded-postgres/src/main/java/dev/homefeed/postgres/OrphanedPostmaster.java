package dev.homefeed.postgres;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Clears the way when a previous service died without stopping its PostgreSQL (SIGKILL, OOM killer,
 * power cut). Only called while holding the launcher lock, so any postmaster on this cluster is an orphan.
 */
final class OrphanedPostmaster {

    private static final Logger log = LoggerFactory.getLogger(OrphanedPostmaster.class);

    private OrphanedPostmaster() {
    }

    static void stopIfRunning(PgCtl pg) throws IOException {
        Path cluster = pg.files().cluster();
        Path pidFile = cluster.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return;
        }
        Optional<ProcessHandle> process = pid(pidFile).flatMap(ProcessHandle::of).filter(ProcessHandle::isAlive);
        if (process.isPresent() && runsOn(process.get(), cluster.toRealPath())) {
            log.warn("PostgreSQL from an earlier run (pid {}) still holds {}; stopping it", process.get().pid(), cluster);
            if (!pg.shutdown()) {
                process.get().descendants().forEach(ProcessHandle::destroyForcibly);
                process.get().destroyForcibly();
            }
            waitForExit(process.get());
        } else {
            // The process is gone, or its pid was reused by something postgres itself would mistake for a rival.
            log.info("Removing stale {}: no PostgreSQL of this cluster runs under its pid", pidFile);
        }
        Files.deleteIfExists(pidFile);
    }

    private static Optional<Long> pid(Path pidFile) {
        try {
            List<String> lines = Files.readAllLines(pidFile, StandardCharsets.UTF_8);
            return lines.isEmpty() ? Optional.empty() : Optional.of(Long.parseLong(lines.get(0).trim()));
        } catch (IOException | NumberFormatException unreadable) {
            return Optional.empty();
        }
    }

    /** A postmaster runs with its data directory as working directory; Linux shows that in /proc. */
    private static boolean runsOn(ProcessHandle process, Path cluster) {
        Path cwd = Path.of("/proc", Long.toString(process.pid()), "cwd");
        if (Files.isDirectory(Path.of("/proc/self"))) {
            try {
                return Files.readSymbolicLink(cwd).equals(cluster);
            } catch (IOException notOurs) {
                return false;
            }
        }
        return process.info().commandLine().filter(line -> line.contains("postgres") && line.contains(cluster.toString())).isPresent();
    }

    private static void waitForExit(ProcessHandle process) {
        try {
            process.onExit().get(30, TimeUnit.SECONDS);
        } catch (InterruptedException | ExecutionException | TimeoutException e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw new IllegalStateException("PostgreSQL pid " + process.pid() + " from an earlier run did not exit", e);
        }
    }
}
