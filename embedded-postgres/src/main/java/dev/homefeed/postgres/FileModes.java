package dev.homefeed.postgres;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Creates files and directories with exact permissions. The process umask (077 on hardened hosts)
 * must not decide whether the database user can reach what the service prepared for it.
 */
final class FileModes {

    /** Enter, not list: enough for the database user to pass through on its way to its own directory. */
    static final String PASS_THROUGH = "rwx--x--x";
    static final String PUBLIC_READ = "rwxr-xr-x";
    static final String OWNER_ONLY = "rwx------";

    private FileModes() {
    }

    /** Creates the directory and any missing parents, each with {@code mode}; existing ones stay untouched. */
    static void createDirectories(Path directory, String mode) throws IOException {
        Path absolute = directory.toAbsolutePath();
        if (Files.isDirectory(absolute)) {
            return;
        }
        createDirectories(absolute.getParent(), mode);
        try {
            Files.createDirectory(absolute);
        } catch (FileAlreadyExistsException raced) {
            return;
        }
        set(absolute, mode);
    }

    static void set(Path path, String mode) throws IOException {
        Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(mode));
    }

    /** Deletes a tree without following symbolic links out of it. */
    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
