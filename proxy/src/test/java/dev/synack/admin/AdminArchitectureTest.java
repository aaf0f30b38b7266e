package dev.synack.admin;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The admin API's own layering: the model the backend implements and the JSON codec know nothing of Netty
 * or of the HTTP server, so the backend can be written, and the codec tested, without either.
 */
class AdminArchitectureTest {
    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.synack.admin");

    @Test
    void theModelImportsNoNettyNoJsonAndNoServer() {
        noClasses().that().resideInAPackage("dev.synack.admin.model..")
                .should().dependOnClassesThat().resideInAnyPackage("io.netty..", "com.fasterxml..", "dev.synack.admin",
                        "dev.synack.admin.json..")
                .because("the backend implements the model alone").check(CLASSES);
    }

    @Test
    void theJsonCodecImportsNoNettyAndNoServer() {
        noClasses().that().resideInAPackage("dev.synack.admin.json..")
                .should().dependOnClassesThat().resideInAnyPackage("io.netty..", "dev.synack.admin")
                .because("Toxiproxy's JSON is a pure function of the model").check(CLASSES);
    }
}
