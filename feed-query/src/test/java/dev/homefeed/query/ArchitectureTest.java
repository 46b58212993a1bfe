package dev.homefeed.query;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

@AnalyzeClasses(packages = "dev.homefeed.query", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    /**
     * Projections are derived: of this project's code they know the command side's message api, the projection
     * runtime and themselves, never an aggregate, the command side's plumbing, membership or HTTP. An allow-list, so
     * a new package of the command side is kept out without a new rule.
     */
    @ArchTest
    static final ArchRule readModelsKnowOnlyTheMessageApiAndTheRuntime = noClasses()
            .that().resideInAPackage("dev.homefeed.query..")
            .should().dependOnClassesThat(resideInAPackage("dev.homefeed..")
                    .and(DescribedPredicate.not(resideInAnyPackage("dev.homefeed.command.api..", "dev.homefeed.projection..",
                            "dev.homefeed.query..")))
                    .as("project code other than the message api, the runtime and the read models"));

    @ArchTest
    static final ArchRule onlyTheApiModuleKnowsHttp = noClasses()
            .that().resideInAPackage("dev.homefeed.query..")
            .should().dependOnClassesThat().resideInAnyPackage("org.springframework.web..", "jakarta.servlet..");

    /** The query API is records other modules compile against. */
    @ArchTest
    static final ArchRule queryApiHoldsNoFrameworkCode = noClasses()
            .that().resideInAPackage("dev.homefeed.query.api..")
            .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "org.axonframework..");

    /** Each read model's package stands alone; the runtime is what they share. */
    @ArchTest
    static final ArchRule readModelsDoNotReadEachOther = noClasses()
            .that().resideInAPackage("dev.homefeed.query.homefeed..")
            .should().dependOnClassesThat().resideInAPackage("dev.homefeed.query.cursor..");
}
