package dev.homefeed.postgres;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a short-lived program and collects its output. Output goes to a file, not a pipe: pg_ctl starts
 * a daemon, and a daemon that inherited our pipe would keep it open and block the read forever.
 */
public record HostCommand(List<String> command, Path workingDirectory, Duration timeout) {

    public record Result(int exitCode, String output) {
        public boolean succeeded() {
            return exitCode == 0;
        }
    }

    /** The trimmed output of a quick query such as {@code id -u}, or null when it fails. */
    public static String output(List<String> command) {
        Result result = new HostCommand(command, null, Duration.ofSeconds(10)).run();
        return result.succeeded() ? result.output().trim() : null;
    }

    public Result run() {
        Path log = null;
        try {
            log = Files.createTempFile("feed-command", ".log");
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
            if (workingDirectory != null) {
                builder.directory(workingDirectory.toFile());
            }
            // Inherited PG* variables (PGPORT, PGDATA...) would silently change what the tools do.
            builder.environment().keySet().removeIf(name -> name.startsWith("PG"));
            builder.environment().put("LC_ALL", "C");
            Process process = builder.start();
            process.getOutputStream().close();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(command.get(0) + " did not finish within " + timeout + ": " + command);
            }
            return new Result(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
        } catch (IOException e) {
            return new Result(-1, "cannot run " + command + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while running " + command, e);
        } finally {
            deleteQuietly(log);
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            if (file != null) {
                Files.deleteIfExists(file);
            }
        } catch (IOException ignored) {
            // A leftover temp file is harmless.
        }
    }
}
