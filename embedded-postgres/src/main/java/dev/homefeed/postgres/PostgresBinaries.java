package dev.homefeed.postgres;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import com.sun.security.auth.module.UnixSystem;

/**
 * The PostgreSQL programs, unpacked once into a cache directory named after the archive's content, so a new
 * binaries version unpacks next to the old one and a restart reuses what is there.
 */
final class PostgresBinaries {

    private PostgresBinaries() {
    }

    /** Returns the installation directory, the one holding {@code bin/initdb}, {@code bin/pg_ctl} and {@code bin/postgres}. */
    static Path install(Path cache) throws IOException {
        BinariesArchive archive = BinariesArchive.forThisMachine();
        Path home = cache.resolve("postgresql-" + archive.fingerprint());
        if (Files.isRegularFile(home.resolve(".complete"))) {
            return home;
        }
        FileModes.createDirectories(cache, FileModes.PUBLIC_READ);
        requireOwnCache(cache);
        // Unpack beside the target and rename: a killed service never leaves a half-unpacked home behind.
        Path work = Files.createTempDirectory(cache, ".unpacking-");
        try (InputStream txz = archive.open()) {
            FileModes.set(work, FileModes.PUBLIC_READ);
            TxzArchive.extract(txz, work);
            Files.createFile(work.resolve(".complete"));
            FileModes.deleteTree(home);
            Files.move(work, home, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException | DirectoryNotEmptyException raced) {
            // Another process unpacked the same archive first; theirs is as good as ours.
        } finally {
            FileModes.deleteTree(work);
        }
        return home;
    }

    /** Programs are run from here, so nobody else may be able to plant files (think of a cache under /tmp). */
    private static void requireOwnCache(Path cache) throws IOException {
        int owner = (Integer) Files.getAttribute(cache, "unix:uid");
        if (owner != new UnixSystem().getUid()) {
            throw new EmbeddedPostgresException("the PostgreSQL binaries cache " + cache
                    + " belongs to another user (uid " + owner + ")",
                    "set feed.embedded-postgres.binaries-dir to a directory this service owns");
        }
    }
}
