package dev.homefeed.api.support;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import dev.homefeed.postgres.Databases;
import dev.homefeed.postgres.EmbeddedPostgresInitializer;
import dev.homefeed.postgres.testing.OpenContexts;
import dev.homefeed.postgres.testing.TestRun;
import dev.homefeed.postgres.testing.TestStandby;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.Ordered;
import org.springframework.core.env.MapPropertySource;

/**
 * The application on a database of its own in {@link TestStandby}'s primary, reading from its streaming standby. With
 * {@code feed.test.read-replicas=misconfigured} the replicas configured are instead a port nobody listens on and the
 * primary itself, which must be refused as a replica.
 */
public class ReplicatedDatabaseInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext>, Ordered {

    private static final AtomicInteger CONTEXTS = new AtomicInteger();

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        TestStandby.Pair pair = TestStandby.replicated();
        int number = CONTEXTS.incrementAndGet();
        OpenContexts.opened(context);
        String database = "feed_replicated_" + number;
        Databases.createIfMissing(pair.primary(), database);
        Map<String, Object> properties = new HashMap<>();
        properties.put(EmbeddedPostgresInitializer.ENABLED, "false");
        properties.put("server.shutdown", "immediate");
        properties.put("spring.lifecycle.timeout-per-shutdown-phase", "5s");
        properties.put("feed.data-dir", TestRun.directory().resolve("replicated-context-" + number).toString());
        properties.put("spring.datasource.url", pair.primary().jdbcUrl(database));
        properties.put("spring.datasource.username", pair.primary().username());
        properties.put("spring.datasource.password", pair.primary().password());
        boolean misconfigured = "misconfigured".equals(context.getEnvironment().getProperty("feed.test.read-replicas"));
        properties.put("feed.read-replicas.urls", misconfigured
                ? "jdbc:postgresql://127.0.0.1:1/" + database + "," + pair.primary().jdbcUrl(database)
                : pair.standby().jdbcUrl(database));
        context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("feedReplicatedDatabase", properties));
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }
}
