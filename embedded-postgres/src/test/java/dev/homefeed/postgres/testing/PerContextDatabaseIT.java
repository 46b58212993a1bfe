package dev.homefeed.postgres.testing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.JdbcTemplateAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

class PerContextDatabaseIT {

    @ImportAutoConfiguration({DataSourceAutoConfiguration.class, JdbcTemplateAutoConfiguration.class})
    static class JdbcApplication {
    }

    @Test
    void givesEveryApplicationContextItsOwnDatabaseOnOneServer() {
        try (ConfigurableApplicationContext first = start(); ConfigurableApplicationContext second = start()) {
            JdbcTemplate one = first.getBean(JdbcTemplate.class);
            JdbcTemplate two = second.getBean(JdbcTemplate.class);
            one.execute("CREATE TABLE token_entry (processor_name varchar(40))");
            one.execute("INSERT INTO token_entry VALUES ('projector')");

            assertThat(two.queryForObject("SELECT current_database()", String.class))
                    .isNotEqualTo(one.queryForObject("SELECT current_database()", String.class));
            assertThat(two.queryForObject("SELECT to_regclass('token_entry') IS NULL", Boolean.class)).isTrue();
            assertThat(two.queryForObject("SELECT inet_server_port()", Integer.class))
                    .isEqualTo(one.queryForObject("SELECT inet_server_port()", Integer.class));
        }
    }

    private static ConfigurableApplicationContext start() {
        return new SpringApplicationBuilder(JdbcApplication.class).web(WebApplicationType.NONE)
                .initializers(new TestDatabaseInitializer()).run();
    }
}
