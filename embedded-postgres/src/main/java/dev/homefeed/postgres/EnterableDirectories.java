package dev.homefeed.postgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Fails early, in one line, when the database user could not reach a directory: otherwise initdb or
 * postgres dies later with a bare "Permission denied" that names neither the directory nor the fix.
 */
final class EnterableDirectories {

    private EnterableDirectories() {
    }

    /** Checks every existing directory on the way to {@code target}; missing ones are created enterable. */
    static void check(Path target, DatabaseUser user, String setting) {
        try {
            Path existing = target.toAbsolutePath();
            while (!Files.exists(existing)) {
                existing = existing.getParent();
            }
            for (Path directory = existing.toRealPath(); directory != null; directory = directory.getParent()) {
                if (!user.canEnter(directory)) {
                    throw new EmbeddedPostgresException("Embedded PostgreSQL cannot use " + target
                            + ": the database user '" + user.name() + "' cannot enter " + directory,
                            "set " + setting + " to a directory '" + user.name() + "' can enter, or run: chmod o+x "
                                    + directory);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot inspect the permissions on the way to " + target, e);
        }
    }
}
