package dev.homefeed.query;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import dev.homefeed.postgres.testing.TestDatabaseInitializer;
import dev.homefeed.postgres.testing.TestcontainersDatabase;
import dev.homefeed.query.support.Awaits;
import dev.homefeed.query.support.Scenario;
import dev.homefeed.sample.AuthorPostsProjection;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ContextConfiguration;

/**
 * The command side, the projection runtime and the read models on a database of their own, with the real changelog, without HTTP: events are
 * made through the command side's front doors and the projections are read through the query side's. Tests tell
 * their story with a {@link Scenario} and wait with {@link Awaits}. The context, and so the database, is shared by
 * every projection IT: each uses users of its own and leaves the projections as a clean replay would have them.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@SpringBootTest(classes = ProjectionsIntegrationTest.Application.class, webEnvironment = SpringBootTest.WebEnvironment.NONE)
@ContextConfiguration(initializers = TestDatabaseInitializer.class)
@Import(TestcontainersDatabase.class)
public @interface ProjectionsIntegrationTest {

    /** With a third projection the runtime was never told of ({@link AuthorPostsProjection}), beside the real two. */
    @SpringBootApplication(scanBasePackages = {"dev.homefeed.membership", "dev.homefeed.command", "dev.homefeed.projection", "dev.homefeed.query"})
    @Import({AuthorPostsProjection.class, Scenario.class, Awaits.class})
    class Application {
    }
}
