package dev.homefeed.postgres;

import static dev.homefeed.postgres.LauncherFixtures.newDataDirectory;
import static dev.homefeed.postgres.LauncherFixtures.settings;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.Test;

/** Only root hands the database to another user, so only root can meet a parent that user cannot enter. */
class UnenterableDataDirectoryIT {

    @Test
    void namesTheBlockingDirectoryAndTheFixInOneLine() throws Exception {
        assumeThat(DatabaseUser.runningAsRoot()).as("running as root").isTrue();
        Path closed = newDataDirectory();
        Files.createDirectories(closed);
        Files.setPosixFilePermissions(closed, PosixFilePermissions.fromString("rwx------"));
        Path dataDirectory = closed.resolve("feed");

        assertThatThrownBy(() -> new EmbeddedPostgresLauncher(settings(dataDirectory)).start())
                .isInstanceOf(EmbeddedPostgresException.class)
                .hasMessage("Embedded PostgreSQL cannot use " + dataDirectory.resolve("postgres")
                        + ": the database user 'nobody' cannot enter " + closed
                        + "; set FEED_DATA_DIR to a directory 'nobody' can enter, or run: chmod o+x " + closed);
    }
}
