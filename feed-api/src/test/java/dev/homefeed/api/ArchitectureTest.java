package dev.homefeed.api;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.belongToAnyOf;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import dev.homefeed.command.follow.FollowGateway;
import dev.homefeed.command.marker.ReadMarkerGateway;
import dev.homefeed.command.post.PostGateway;
import dev.homefeed.query.cursor.ReadMarkerReads;
import dev.homefeed.query.homefeed.HomeFeedReads;
import dev.homefeed.query.homefeed.HomeFeedReconciliations;
import dev.homefeed.query.ops.ProjectionOperations;

@AnalyzeClasses(packages = "dev.homefeed", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    /** feed-api → feed-query → feed-command.api; never the other way round. */
    @ArchTest
    static final ArchRule commandSideDependsOnNothingAbove = noClasses()
            .that().resideInAPackage("dev.homefeed.command..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.homefeed.query..", "dev.homefeed.api..");

    /** What a lower module offers the HTTP layer: its message and read records, and one front door per feature. */
    static final DescribedPredicate<JavaClass> FRONT_DOORS_AND_API_RECORDS =
            resideInAnyPackage("dev.homefeed.command.api..", "dev.homefeed.query.api..")
                    .or(belongToAnyOf(PostGateway.class, FollowGateway.class, ReadMarkerGateway.class,
                            HomeFeedReads.class, HomeFeedReconciliations.class, ReadMarkerReads.class,
                            ProjectionOperations.class))
                    .as("an api record or a front door");

    @ArchTest
    static final ArchRule httpLayerUsesOnlyFrontDoorsOfTheLowerModules = noClasses()
            .that().resideInAPackage("dev.homefeed.api..")
            .should().dependOnClassesThat(resideInAnyPackage("dev.homefeed.command..", "dev.homefeed.query..")
                    .and(DescribedPredicate.not(FRONT_DOORS_AND_API_RECORDS)));

    @ArchTest
    static final ArchRule querySideDoesNotKnowTheApi = noClasses()
            .that().resideInAPackage("dev.homefeed.query..")
            .should().dependOnClassesThat().resideInAPackage("dev.homefeed.api..");

    /** Controllers send commands and ask queries; they never touch the event store's plumbing or the database. */
    @ArchTest
    static final ArchRule controllersUseNoJdbc = noClasses()
            .that().resideInAnyPackage("dev.homefeed.api.post..", "dev.homefeed.api.follow..", "dev.homefeed.api.feed..",
                    "dev.homefeed.api.admin..")
            .should().dependOnClassesThat().resideInAnyPackage("org.springframework.jdbc..", "java.sql..");
}
