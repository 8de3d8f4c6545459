package dev.scafctl.catalog.architecture;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import com.tngtech.archunit.library.dependencies.SlicesRuleDefinition;
import org.junit.jupiter.api.Test;

/**
 * No two packages of the core depend on each other, directly or around a loop: each package (the root one included)
 * is a slice of its own, so a cycle through {@code dev.scafctl.catalog} itself counts too.
 */
class PackageCyclesTest {

    /** Each class in the slice named after its own package. */
    private static final SliceAssignment BY_PACKAGE = new SliceAssignment() {
        @Override
        public SliceIdentifier getIdentifierOf(JavaClass javaClass) {
            return SliceIdentifier.of(javaClass.getPackageName());
        }

        @Override
        public String getDescription() {
            return "every package on its own";
        }
    };

    private static final ArchRule NO_CYCLES = SlicesRuleDefinition.slices().assignedFrom(BY_PACKAGE).should()
            .beFreeOfCycles();

    @Test
    void theCoreHasNoPackageCycle() {
        JavaClasses core = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.scafctl.catalog");
        assertTrue(core.size() > 100, "the core's classes were not found: " + core.size());

        EvaluationResult result = NO_CYCLES.evaluate(core);

        assertFalse(result.hasViolation(), () -> String.join("\n", result.getFailureReport().getDetails()));
    }

    @Test
    void theRuleSeesACycle() {
        JavaClasses fixture = new ClassFileImporter().importPackages(getClass().getPackageName() + ".cycle");

        EvaluationResult result = NO_CYCLES.evaluate(fixture);

        assertTrue(result.hasViolation(), "two packages that use each other passed the rule");
    }
}
