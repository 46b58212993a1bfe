package dev.homefeed.api;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

@AnalyzeClasses(packages = "dev.homefeed", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    /** feed-api → feed-query → feed-command.api; never the other way round. */
    @ArchTest
    static final ArchRule commandSideDependsOnNothingAbove = noClasses()
            .that().resideInAPackage("dev.homefeed.command..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.homefeed.query..", "dev.homefeed.api..");

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
