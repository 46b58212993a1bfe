package dev.homefeed.postgres.testing;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.testcontainers.service.connection.ServiceConnection;
import org.springframework.context.annotation.Bean;
import org.testcontainers.containers.PostgreSQLContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * The database for {@code -Dfeed.test.db=testcontainers}: one container per application context, started
 * and stopped with it. Off by default, so the default path never loads a Docker client.
 */
@TestConfiguration(proxyBeanMethods = false)
@ConditionalOnProperty(name = TestDatabaseMode.PROPERTY, havingValue = "testcontainers")
public class TestcontainersDatabase {

    @Bean
    @ServiceConnection
    PostgreSQLContainer<?> postgres() {
        return new PostgreSQLContainer<>(DockerImageName.parse("postgres:17"));
    }
}
