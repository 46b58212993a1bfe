package dev.homefeed.postgres;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One service per cluster. The operating system drops the lock when the JVM dies, however it dies, so
 * whoever holds it knows that a PostgreSQL still running on the cluster was left behind by a dead run.
 */
final class LauncherLock implements AutoCloseable {

    private final FileChannel channel;
    private final FileLock lock;

    private LauncherLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    static LauncherLock acquire(Path file) throws IOException {
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException sameJvm) {
            lock = null;
        }
        if (lock == null) {
            channel.close();
            throw new EmbeddedPostgresException("the embedded PostgreSQL in " + file.getParent()
                    + " is in use by another running feed service", "stop that service, or give this one its own FEED_DATA_DIR");
        }
        return new LauncherLock(channel, lock);
    }

    @Override
    public void close() {
        try {
            lock.release();
            channel.close();
        } catch (IOException ignored) {
            // The lock dies with the channel or the JVM anyway.
        }
    }
}
