package dev.homefeed.projection;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

@AnalyzeClasses(packages = "dev.homefeed.projection", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    /** The runtime runs whatever Projection beans there are: it knows no read model, no command and no HTTP. */
    @ArchTest
    static final ArchRule runtimeKnowsNoReadModelCommandOrHttp = noClasses()
            .that().resideInAPackage("dev.homefeed.projection..")
            .should().dependOnClassesThat()
            .resideInAnyPackage("dev.homefeed.query..", "dev.homefeed.command..", "dev.homefeed.api..",
                    "org.springframework.web..", "jakarta.servlet..");

    /** The operator records are what other modules compile against. */
    @ArchTest
    static final ArchRule operatorRecordsHoldNoFrameworkCode = noClasses()
            .that().resideInAPackage("dev.homefeed.projection.api..")
            .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "org.axonframework..");
}
