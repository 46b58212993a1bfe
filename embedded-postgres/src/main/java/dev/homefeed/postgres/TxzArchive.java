package dev.homefeed.postgres;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.tukaani.xz.XZInputStream;

/**
 * Unpacks zonky's PostgreSQL .txz. Modes are normalised rather than copied, so every file ends up
 * readable (and programs executable) by the database user whatever umask the service runs with.
 */
final class TxzArchive {

    private TxzArchive() {
    }

    static void extract(InputStream txz, Path target) throws IOException {
        try (TarArchiveInputStream tar = new TarArchiveInputStream(new XZInputStream(txz))) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                Path path = target.resolve(entry.getName()).normalize();
                if (!path.startsWith(target)) {
                    throw new IOException("Archive entry escapes the target directory: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    FileModes.createDirectories(path, FileModes.PUBLIC_READ);
                    continue;
                }
                FileModes.createDirectories(path.getParent(), FileModes.PUBLIC_READ);
                if (entry.isSymbolicLink()) {
                    Files.createSymbolicLink(path, Path.of(entry.getLinkName()));
                } else if (entry.isLink()) {
                    Files.createLink(path, target.resolve(entry.getLinkName()).normalize());
                } else {
                    Files.copy(tar, path);
                    boolean executable = (entry.getMode() & 0100) != 0;
                    FileModes.set(path, executable ? FileModes.PUBLIC_READ : "rw-r--r--");
                }
            }
        }
    }
}
