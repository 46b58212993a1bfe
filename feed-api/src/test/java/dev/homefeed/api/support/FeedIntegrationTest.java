package dev.homefeed.api.support;

import dev.homefeed.postgres.testing.TestcontainersDatabase;
import dev.homefeed.postgres.testing.TestDatabaseInitializer;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.context.annotation.Import;
import org.springframework.core.annotation.AliasFor;
import org.springframework.test.context.ContextConfiguration;

/**
 * The whole application on a random port, on its own database. By default that database lives in one
 * embedded PostgreSQL shared by the test JVM (a fresh {@code feed_<n>} per application context, so contexts
 * with different settings never share Axon tokens or rows); with {@code -Dfeed.test.db=testcontainers} each
 * context gets a postgres:17 container through {@code @ServiceConnection} instead.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
// Metrics export is off in Spring Boot tests by default; /actuator/prometheus is part of the contract.
@AutoConfigureObservability
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@ContextConfiguration(initializers = TestDatabaseInitializer.class)
@Import(TestcontainersDatabase.class)
public @interface FeedIntegrationTest {

    /** Extra {@code key=value} properties, as on {@link SpringBootTest#properties()}. */
    @AliasFor(annotation = SpringBootTest.class, attribute = "properties")
    String[] properties() default {};
}
