package dev.homefeed.postgres;

import static dev.homefeed.postgres.LauncherFixtures.column;
import static dev.homefeed.postgres.LauncherFixtures.execute;
import static dev.homefeed.postgres.LauncherFixtures.newDataDirectory;
import static dev.homefeed.postgres.LauncherFixtures.postmasterPid;
import static dev.homefeed.postgres.LauncherFixtures.settings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.DriverManager;
import java.util.List;

import org.junit.jupiter.api.Test;

class EmbeddedPostgresLauncherIT {

    @Test
    void keepsDataPortAndPasswordAcrossRestarts() throws Exception {
        Path dataDirectory = newDataDirectory();
        RunningPostgres first;
        FileTime initialised;
        try (RunningPostgres running = new EmbeddedPostgresLauncher(settings(dataDirectory)).start()) {
            execute(running, "CREATE TABLE note (text varchar(40))");
            execute(running, "INSERT INTO note VALUES ('kept')");
            initialised = Files.getLastModifiedTime(running.cluster().resolve("PG_VERSION"));
            first = running;
        }
        assertThat(first.cluster().resolve("postmaster.pid")).doesNotExist();

        try (RunningPostgres second = new EmbeddedPostgresLauncher(settings(dataDirectory)).start()) {
            assertThat(column(second, "SELECT text FROM note")).containsExactly("kept");
            assertThat(second.port()).isEqualTo(first.port());
            assertThat(second.password()).isEqualTo(first.password());
            assertThat(Files.getLastModifiedTime(second.cluster().resolve("PG_VERSION"))).as("no second initdb").isEqualTo(initialised);
        }
    }

    @Test
    void servesOnlyTheFeedDatabaseOnLoopbackWithAPrivatePassword() throws Exception {
        Path dataDirectory = newDataDirectory();
        try (RunningPostgres postgres = new EmbeddedPostgresLauncher(settings(dataDirectory)).start()) {
            assertThat(postgres.jdbcUrl()).isEqualTo("jdbc:postgresql://127.0.0.1:" + postgres.port() + "/feed");
            assertThat(column(postgres, "SHOW listen_addresses")).containsExactly("127.0.0.1");
            assertThat(column(postgres, "SELECT current_database() || ' ' || current_user || ' ' || version()"))
                    .singleElement().asString().startsWith("feed feed PostgreSQL 17.");
            assertThat(Files.getPosixFilePermissions(dataDirectory.resolve("postgres/password")))
                    .isEqualTo(PosixFilePermissions.fromString("rw-------"));
            assertThatThrownBy(() -> DriverManager.getConnection(postgres.jdbcUrl(), "feed", "wrong").close())
                    .hasMessageContaining("password authentication failed");
        }
    }

    @Test
    void refusesASecondServiceOnTheSameDataDirectory() throws Exception {
        Path dataDirectory = newDataDirectory();
        try (RunningPostgres running = new EmbeddedPostgresLauncher(settings(dataDirectory)).start()) {
            assertThatThrownBy(() -> new EmbeddedPostgresLauncher(settings(dataDirectory)).start())
                    .isInstanceOf(EmbeddedPostgresException.class)
                    .hasMessageContaining("is in use by another running feed service");
            assertThat(ProcessHandle.of(postmasterPid(running))).get().matches(ProcessHandle::isAlive);
        }
    }

    @Test
    void startsDespiteAPidFileNamingSomeoneElsesProcess() throws Exception {
        Path dataDirectory = newDataDirectory();
        new EmbeddedPostgresLauncher(settings(dataDirectory)).start().close();
        // A live process of the database user that is not PostgreSQL: postgres alone would refuse to start.
        DatabaseUser user = DatabaseUser.forThisProcess(EmbeddedPostgresSettings.DEFAULT_OS_USER);
        Process impostor = new ProcessBuilder(user.command(List.of("sleep", "300"))).start();
        try {
            Path cluster = dataDirectory.resolve("postgres/cluster");
            Files.writeString(cluster.resolve("postmaster.pid"), impostor.pid() + "\n" + cluster + "\n");
            try (RunningPostgres postgres = new EmbeddedPostgresLauncher(settings(dataDirectory)).start()) {
                assertThat(column(postgres, "SELECT 1")).containsExactly("1");
                assertThat(impostor.isAlive()).isTrue();
            }
        } finally {
            impostor.destroyForcibly();
        }
    }
}
