package dev.homefeed.api.support;

import dev.homefeed.postgres.testing.TestPostgres;
import dev.homefeed.postgres.testing.TestRun;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.JdbcTemplateAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.ServletWebServerFactoryAutoConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;

/** The annotation's wiring, on a small application instead of the whole service. */
@FeedIntegrationTest(properties = "feed.example=on")
class FeedIntegrationTestIT {

    @SpringBootConfiguration
    @ImportAutoConfiguration({DataSourceAutoConfiguration.class, JdbcTemplateAutoConfiguration.class,
            ServletWebServerFactoryAutoConfiguration.class})
    static class SmallApplication {
    }

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    Environment environment;

    @LocalServerPort
    int port;

    @Value("${feed.example}")
    String example;

    @Test
    void runsOnAFreshDatabaseOfTheSharedEmbeddedPostgres() {
        assertThat(jdbc.queryForObject("SELECT current_database()", String.class)).matches("feed_\\d+");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'", Integer.class)).isZero();
        assertThat(environment.getProperty("spring.datasource.url")).startsWith(TestPostgres.shared().jdbcUrl("feed_"));
    }

    @Test
    void keepsFilesInATemporaryDataDirectoryWithoutAServerOfItsOwn() {
        Path dataDirectory = Path.of(environment.getProperty("feed.data-dir"));
        assertThat(dataDirectory).startsWithRaw(TestRun.directory());
        assertThat(dataDirectory.resolve("postgres")).doesNotExist();
    }

    @Test
    void servesOnARandomPortAndPassesExtraProperties() {
        assertThat(port).isPositive().isNotEqualTo(8080);
        assertThat(example).isEqualTo("on");
    }
}
