package dev.homefeed.postgres.testing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.testcontainers.containers.PostgreSQLContainer;

/** Checks the switch without Docker: defining a container contacts nothing; Spring starts it with the context. */
class TestcontainersDatabaseTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withUserConfiguration(TestcontainersDatabase.class);

    @Test
    void definesNoContainerByDefault() {
        runner.run(context -> assertThat(context).doesNotHaveBean(PostgreSQLContainer.class));
    }

    @Test
    void definesAPostgres17ContainerWhenAskedForTestcontainers() {
        runner.withPropertyValues("feed.test.db=testcontainers").run(context -> {
            assertThat(context).hasSingleBean(PostgreSQLContainer.class);
            // getDockerImageName() would ask Docker; the unresolved image only describes itself.
            assertThat(context.getBean(PostgreSQLContainer.class).getImage()).asString().contains("imageName=postgres:17,");
        });
    }
}
