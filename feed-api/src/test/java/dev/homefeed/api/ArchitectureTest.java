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
import dev.homefeed.command.erasure.ErasureGateway;
import dev.homefeed.command.eventstore.FeedPositions;
import dev.homefeed.command.follow.FollowGateway;
import dev.homefeed.command.marker.ReadMarkerGateway;
import dev.homefeed.command.post.PostGateway;
import dev.homefeed.projection.ProjectionOperations;
import dev.homefeed.projection.Projections;
import dev.homefeed.projection.deadletter.DeadLetters;
import dev.homefeed.projection.instances.InstanceDirectory;
import dev.homefeed.projection.rebuild.Rebuilds;
import dev.homefeed.projection.reconciliation.Reconciliations;
import dev.homefeed.query.cursor.ReadMarkerReads;
import dev.homefeed.query.homefeed.HomeFeedMetrics;
import dev.homefeed.query.homefeed.HomeFeedReads;
import dev.homefeed.query.replica.ReadReplicas;

@AnalyzeClasses(packages = "dev.homefeed", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    /**
     * feed-api → feed-query → (feed-command.api, projection-runtime) → membership; never the other way round.
     * The runtime knows no read model and no command: it runs whatever {@code Projection} beans there are.
     */
    @ArchTest
    static final ArchRule commandSideDependsOnNothingAbove = noClasses()
            .that().resideInAPackage("dev.homefeed.command..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.homefeed.query..", "dev.homefeed.projection..",
                    "dev.homefeed.api..");

    @ArchTest
    static final ArchRule runtimeKnowsNoReadModelNorCommand = noClasses()
            .that().resideInAPackage("dev.homefeed.projection..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.homefeed.query..", "dev.homefeed.command..",
                    "dev.homefeed.api..");

    @ArchTest
    static final ArchRule membershipKnowsOnlyItself = noClasses()
            .that().resideInAPackage("dev.homefeed.membership..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.homefeed.query..", "dev.homefeed.command..",
                    "dev.homefeed.projection..", "dev.homefeed.api..");

    /** What a lower module offers the HTTP layer: its message and read records, and one front door per feature. */
    static final DescribedPredicate<JavaClass> FRONT_DOORS_AND_API_RECORDS =
            resideInAnyPackage("dev.homefeed.command.api..", "dev.homefeed.query.api..", "dev.homefeed.projection.api..")
                    .or(belongToAnyOf(PostGateway.class, FollowGateway.class, ReadMarkerGateway.class, ErasureGateway.class, FeedPositions.class,
                            HomeFeedReads.class, HomeFeedMetrics.class, ReadMarkerReads.class,
                            ProjectionOperations.class, Projections.class, Rebuilds.class, DeadLetters.class,
                            InstanceDirectory.class, Reconciliations.class, ReadReplicas.class))
                    .as("an api record or a front door");

    @ArchTest
    static final ArchRule httpLayerUsesOnlyFrontDoorsOfTheLowerModules = noClasses()
            .that().resideInAPackage("dev.homefeed.api..")
            .should().dependOnClassesThat(resideInAnyPackage("dev.homefeed.command..", "dev.homefeed.query..",
                    "dev.homefeed.projection..", "dev.homefeed.membership..")
                    .and(DescribedPredicate.not(FRONT_DOORS_AND_API_RECORDS)));

    @ArchTest
    static final ArchRule querySideDoesNotKnowTheApi = noClasses()
            .that().resideInAPackage("dev.homefeed.query..")
            .should().dependOnClassesThat().resideInAPackage("dev.homefeed.api..");

    /** Controllers send commands and ask queries; they never touch the event store's plumbing or the database. */
    @ArchTest
    static final ArchRule controllersUseNoJdbc = noClasses()
            .that().resideInAnyPackage("dev.homefeed.api.post..", "dev.homefeed.api.follow..", "dev.homefeed.api.feed..",
                    "dev.homefeed.api.admin..", "dev.homefeed.api.erasure..")
            .should().dependOnClassesThat().resideInAnyPackage("org.springframework.jdbc..", "java.sql..");
}
