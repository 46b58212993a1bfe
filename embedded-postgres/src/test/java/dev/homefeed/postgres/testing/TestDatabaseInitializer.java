package dev.homefeed.postgres.testing;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import dev.homefeed.postgres.Databases;
import dev.homefeed.postgres.EmbeddedPostgresInitializer;
import dev.homefeed.postgres.RunningPostgres;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Gives each test application context its own data directory and, on the embedded path, its own database
 * {@code feed_<n>} in the test JVM's shared PostgreSQL. Runs before {@link EmbeddedPostgresInitializer} and
 * switches it off, so tests never start a server in the service's real data directory.
 */
public class TestDatabaseInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext>, Ordered {

    private static final AtomicInteger CONTEXTS = new AtomicInteger();

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        ConfigurableEnvironment environment = context.getEnvironment();
        int number = CONTEXTS.incrementAndGet();
        OpenContexts.opened(context);
        Map<String, Object> properties = new HashMap<>();
        properties.put(EmbeddedPostgresInitializer.ENABLED, "false");
        // Test contexts close at JVM exit, all at once: no graceful drain, so the fork exits well within its timeout.
        properties.put("server.shutdown", "immediate");
        properties.put("spring.lifecycle.timeout-per-shutdown-phase", "5s");
        properties.put("feed.data-dir", TestRun.directory().resolve("context-" + number).toString());
        if (TestDatabaseMode.of(environment) == TestDatabaseMode.EMBEDDED) {
            RunningPostgres postgres = TestPostgres.shared();
            String database = "feed_" + number;
            Databases.createIfMissing(postgres, database);
            properties.put("spring.datasource.url", postgres.jdbcUrl(database));
            properties.put("spring.datasource.username", postgres.username());
            properties.put("spring.datasource.password", postgres.password());
        }
        environment.getPropertySources().addFirst(new MapPropertySource("feedTestDatabase", properties));
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }
}
