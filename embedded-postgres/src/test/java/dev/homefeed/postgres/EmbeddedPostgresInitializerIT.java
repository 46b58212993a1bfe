package dev.homefeed.postgres;

import static dev.homefeed.postgres.LauncherFixtures.newDataDirectory;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;

import dev.homefeed.postgres.testing.TestPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.JdbcTemplateAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/** Boots a minimal application the way {@code java -jar} does, through spring.factories. */
@ExtendWith(OutputCaptureExtension.class)
class EmbeddedPostgresInitializerIT {

    @ImportAutoConfiguration({DataSourceAutoConfiguration.class, JdbcTemplateAutoConfiguration.class})
    static class JdbcApplication {
    }

    static class EmptyApplication {
    }

    @Test
    void startsPostgresForTheDataSourceWhenNoUrlIsConfiguredAndStopsItWithTheContext() {
        Path dataDirectory = newDataDirectory();
        Path pidFile = dataDirectory.resolve("postgres/cluster/postmaster.pid");
        try (ConfigurableApplicationContext context = run("feed.data-dir=" + dataDirectory)) {
            JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
            assertThat(jdbc.queryForObject("SELECT current_database()", String.class)).isEqualTo("feed");
            assertThat(context.getEnvironment().getProperty("feed.data-dir")).isEqualTo(dataDirectory.toString());
            assertThat(pidFile).exists();
        }
        assertThat(pidFile).doesNotExist();
    }

    @Test
    void leavesAConfiguredDatabaseAlone() {
        Path dataDirectory = newDataDirectory();
        try (ConfigurableApplicationContext context = run("feed.data-dir=" + dataDirectory,
                "spring.datasource.url=jdbc:postgresql://db.example:5432/feed")) {
            assertThat(context.getEnvironment().getProperty("spring.datasource.url")).isEqualTo("jdbc:postgresql://db.example:5432/feed");
            assertThat(dataDirectory.resolve("postgres")).doesNotExist();
        }
    }

    @Test
    void staysOffWhenDisabledButStillPublishesTheDataDirectory() {
        try (ConfigurableApplicationContext context = run(EmptyApplication.class, "feed.data-dir=relative-dir",
                "feed.embedded-postgres.enabled=false")) {
            assertThat(context.getEnvironment().getProperty("spring.datasource.url")).isNull();
            assertThat(context.getEnvironment().getProperty("feed.data-dir")).isEqualTo(Path.of("relative-dir").toAbsolutePath().toString());
            assertThat(Path.of("relative-dir")).doesNotExist();
        }
    }

    @Test
    void reportsADataDirectoryTheDatabaseUserCannotReachAsAStartupFailure(CapturedOutput output) throws Exception {
        assumeThat(DatabaseUser.runningAsRoot()).as("running as root").isTrue();
        Path closed = newDataDirectory();
        Files.createDirectories(closed, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));

        assertThatThrownBy(() -> run("feed.data-dir=" + closed.resolve("feed"))).isInstanceOf(EmbeddedPostgresException.class);
        assertThat(output).contains("APPLICATION FAILED TO START")
                .contains("the database user 'nobody' cannot enter " + closed + "; set FEED_DATA_DIR");
    }

    private static ConfigurableApplicationContext run(String... properties) {
        return run(JdbcApplication.class, properties);
    }

    private static ConfigurableApplicationContext run(Class<?> application, String... properties) {
        // As command-line arguments: they outrank application.yml, as FEED_DATA_DIR would.
        String[] arguments = Stream.concat(Stream.of("feed.embedded-postgres.binaries-dir=" + TestPostgres.binariesCache()),
                Stream.of(properties)).map(property -> "--" + property).toArray(String[]::new);
        return new SpringApplicationBuilder(application).web(WebApplicationType.NONE).run(arguments);
    }
}
