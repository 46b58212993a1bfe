package dev.homefeed.query;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

@AnalyzeClasses(packages = "dev.homefeed.query", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    /** Projections are derived: they read events, never the command side's aggregates or tables. */
    @ArchTest
    static final ArchRule projectionsKnowOnlyTheMessageApi = noClasses()
            .that().resideInAPackage("dev.homefeed.query..")
            .should().dependOnClassesThat()
            .resideInAnyPackage("dev.homefeed.command.post..", "dev.homefeed.command.follow..",
                    "dev.homefeed.command.marker..", "dev.homefeed.api..");

    @ArchTest
    static final ArchRule onlyTheApiModuleKnowsHttp = noClasses()
            .that().resideInAPackage("dev.homefeed.query..")
            .should().dependOnClassesThat().resideInAnyPackage("org.springframework.web..", "jakarta.servlet..");

    /** The query API is records other modules compile against. */
    @ArchTest
    static final ArchRule queryApiHoldsNoFrameworkCode = noClasses()
            .that().resideInAPackage("dev.homefeed.query.api..")
            .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "org.axonframework..");

    /** Each read model's package stands alone; only operations look across them. */
    @ArchTest
    static final ArchRule readModelsDoNotReadEachOther = noClasses()
            .that().resideInAPackage("dev.homefeed.query.homefeed..")
            .should().dependOnClassesThat().resideInAPackage("dev.homefeed.query.cursor..");
}
