package dev.homefeed.postgres.testing;

import org.springframework.core.env.Environment;

/** Which PostgreSQL the tests run on: {@code -Dfeed.test.db=embedded} (the default) or {@code testcontainers}. */
public enum TestDatabaseMode {
    EMBEDDED, TESTCONTAINERS;

    public static final String PROPERTY = "feed.test.db";

    public static TestDatabaseMode of(Environment environment) {
        String value = environment.getProperty(PROPERTY, "embedded").trim();
        if (value.equalsIgnoreCase("testcontainers")) {
            return TESTCONTAINERS;
        }
        if (value.isEmpty() || value.equalsIgnoreCase("embedded")) {
            return EMBEDDED;
        }
        throw new IllegalArgumentException(PROPERTY + " must be 'embedded' or 'testcontainers', not '" + value + "'");
    }
}
