package dev.homefeed.command;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

@AnalyzeClasses(packages = "dev.homefeed.command", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule commandSideKnowsNeitherQueriesNorHttp = noClasses()
            .that().resideInAPackage("dev.homefeed.command..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.homefeed.query..", "dev.homefeed.projection..", "dev.homefeed.api..");

    @ArchTest
    static final ArchRule messageApiKnowsNoAggregate = noClasses()
            .that().resideInAPackage("dev.homefeed.command.api..")
            .should().dependOnClassesThat()
            .resideInAnyPackage("dev.homefeed.command.post..", "dev.homefeed.command.follow..", "dev.homefeed.command.marker..");

    /** Other modules compile against the message API; it must not drag Spring or JPA along. */
    @ArchTest
    static final ArchRule messageApiHoldsNoFrameworkCode = noClasses()
            .that().resideInAPackage("dev.homefeed.command.api..")
            .should().dependOnClassesThat()
            .resideInAnyPackage("org.springframework..", "jakarta..", "com.fasterxml..");
}
