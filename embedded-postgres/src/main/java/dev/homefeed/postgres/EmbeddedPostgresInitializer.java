package dev.homefeed.postgres;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.beans.factory.support.DefaultSingletonBeanRegistry;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.util.StringUtils;

/**
 * Points Spring's datasource at an embedded PostgreSQL when no {@code spring.datasource.url} is configured.
 * An initializer rather than an EnvironmentPostProcessor: it runs after logging is set up (so the INFO line
 * and errors look like every other log line), still before any bean exists, and it can tie the server's
 * life to the context: stopped on close, and also when the refresh fails.
 */
public class EmbeddedPostgresInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext>, Ordered {

    public static final String ENABLED = "feed.embedded-postgres.enabled";
    public static final String OS_USER = "feed.embedded-postgres.os-user";
    public static final String BINARIES_DIR = "feed.embedded-postgres.binaries-dir";
    public static final String PROPERTY_SOURCE = "feedEmbeddedPostgres";

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        ConfigurableEnvironment environment = context.getEnvironment();
        Path dataDirectory = DataDirectory.resolve(environment.getProperty(DataDirectory.PROPERTY),
                DatabaseUser.runningAsRoot());
        Map<String, Object> properties = new LinkedHashMap<>();
        // Every component that keeps files (secrets, for one) reads the same absolute directory.
        properties.put(DataDirectory.PROPERTY, dataDirectory.toString());
        if (environment.getProperty(ENABLED, Boolean.class, true)
                && !StringUtils.hasText(environment.getProperty("spring.datasource.url"))) {
            RunningPostgres postgres = SharedEmbeddedPostgres.acquire(settings(environment, dataDirectory));
            // Registered before any bean, so destroyed after all of them: the pool closes before the server stops.
            ((DefaultSingletonBeanRegistry) context.getBeanFactory()).registerDisposableBean("feedEmbeddedPostgres",
                    () -> SharedEmbeddedPostgres.release(dataDirectory));
            if (environment.getProperty("spring.main.register-shutdown-hook", Boolean.class, true)) {
                // Spring's own hook closes the context on JVM exit, which stops the server after every other bean.
                postgres.stopOnlyWhenClosed();
            }
            properties.put("spring.datasource.url", postgres.jdbcUrl());
            properties.put("spring.datasource.username", postgres.username());
            properties.put("spring.datasource.password", postgres.password());
        }
        environment.getPropertySources().addFirst(new MapPropertySource(PROPERTY_SOURCE, properties));
    }

    private static EmbeddedPostgresSettings settings(ConfigurableEnvironment environment, Path dataDirectory) {
        EmbeddedPostgresSettings settings = EmbeddedPostgresSettings.forDataDirectory(dataDirectory)
                .withOsUserWhenRoot(environment.getProperty(OS_USER, EmbeddedPostgresSettings.DEFAULT_OS_USER));
        String binaries = environment.getProperty(BINARIES_DIR);
        return StringUtils.hasText(binaries) ? settings.withBinariesDirectory(Path.of(binaries)) : settings;
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 100;
    }
}
