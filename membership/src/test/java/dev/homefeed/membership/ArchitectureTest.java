package dev.homefeed.membership;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

@AnalyzeClasses(packages = "dev.homefeed.membership", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    /** Membership is below everything that uses it: the command side's post ids and the runtime's claims. */
    @ArchTest
    static final ArchRule membershipKnowsNothingAboveIt = noClasses()
            .that().resideInAPackage("dev.homefeed.membership..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.homefeed.query..", "dev.homefeed.command..",
                    "dev.homefeed.projection..", "dev.homefeed.api..", "org.axonframework..");
}
