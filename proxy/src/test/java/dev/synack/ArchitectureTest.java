package dev.synack;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackages;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Enforces the dependency rules of DESIGN.md §1 on the production classes: the config records and the
 * pure TCP model know nothing of Netty (the model nothing outside the JDK at all), the observer SPI has no Netty either, the relay talks to mirror,
 * admin and metrics only through observer events (and socket states through {@code observe.SocketStates}), the faults never see
 * the mirror, and built-in faults stay below the relay.
 * Packages that do not exist yet make their rule pass vacuously.
 */
class ArchitectureTest {
    private static final String NETTY = "io.netty..";

    private static JavaClasses product;

    @BeforeAll
    static void importProductionClasses() {
        product = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
                .importPackages("dev.synack");
    }

    @Test
    void theImportSeesTheProduct() {
        // Without this, a wrong package name would make every rule below pass on nothing.
        assertThat(product.contain("dev.synack.config.SynackConfig")).isTrue();
        assertThat(product.contain("dev.synack.observe.ConnectionObserver")).isTrue();
        assertThat(product.contain("dev.synack.net.Transport")).isTrue();
        assertThat(product.contain("dev.synack.mirror.model.TcpStateMachine")).isTrue();
    }

    @Test
    void configImportsNoNetty() {
        check(noClasses().that().resideInAPackage("dev.synack.config..")
                .should().dependOnClassesThat().resideInAPackage(NETTY)
                .because("config is immutable records and validation, usable without a transport"));
    }

    @Test
    void configKnowsNothingOfThePackagesThatUseIt() {
        check(noClasses().that().resideInAPackage("dev.synack.config..")
                .should().dependOnClassesThat(resideInAPackage("dev.synack..").and(resideOutsideOfPackage("dev.synack.config..")))
                .because("config, the socket option table included, is the bottom layer every other package reads"));
    }

    @Test
    void doctorUsesOnlyConfigAndNet() {
        check(classes().that().resideInAPackage("dev.synack.doctor..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "dev.synack.config..", "dev.synack.net..",
                        "dev.synack.doctor..")
                .because("the doctor reads the option table and the kernel through config and net, never a channel"));
    }

    @Test
    void mirrorModelImportsNoNetty() {
        check(noClasses().that().resideInAPackage("dev.synack.mirror.model..")
                .should().dependOnClassesThat().resideInAPackage(NETTY)
                .because("the TCP model is a pure transition function, tested without I/O"));
    }

    @Test
    void mirrorModelDependsOnTheJdkAndItselfOnly() {
        check(classes().that().resideInAPackage("dev.synack.mirror.model..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "dev.synack.mirror.model..")
                .because("the TCP model is a pure transition function: the JDK only, nothing of Netty, config or the proxy"));
    }

    @Test
    void netNamesNoTcpStates() {
        check(noClasses().that().resideInAPackage("dev.synack.net..")
                .should().dependOnClassesThat().resideInAPackage("dev.synack.mirror..")
                .because("net reports the kernel's raw state codes; mirror.model.LinuxTcpState is the one place that names them"));
    }

    @Test
    void observeImportsNoNetty() {
        check(noClasses().that().resideInAPackage("dev.synack.observe..")
                .should().dependOnClassesThat().resideInAPackage(NETTY)
                .because("observers see connection events, never channels"));
    }

    @Test
    void observeKnowsOnlyConfigAndTheTcpModel() {
        check(noClasses().that().resideInAPackage("dev.synack.observe..")
                .should().dependOnClassesThat(resideInAPackage("dev.synack..")
                        .and(resideOutsideOfPackages("dev.synack.observe..", "dev.synack.config..", "dev.synack.mirror.model..")))
                .because("observers see events and kernel readings (tcp_info, option readings) as data, never the "
                        + "sockets or the proxy that produce them"));
    }

    @Test
    void proxyNeverImportsMirrorAdminOrMicrometer() {
        check(noClasses().that().resideInAPackage("dev.synack.proxy..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.synack.mirror..", "dev.synack.admin..", "io.micrometer..")
                .because("the relay only emits observer events; mirror, admin and metrics are observers"));
    }

    @Test
    void faultsNeverImportTheMirror() {
        check(noClasses().that().resideInAPackage("dev.synack.fault..")
                .should().dependOnClassesThat().resideInAPackage("dev.synack.mirror..")
                .because("an on_state trigger waits on observe.SocketStates, which the mirror engine implements; the "
                        + "faults, like the relay, never see the mirror"));
    }

    @Test
    void mirrorKnowsNoProxyInternalsNorConfig() {
        check(noClasses().that().resideInAPackage("dev.synack.mirror..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.synack.proxy..", "dev.synack.config..", "dev.synack.app..")
                .because("the mirror is an observer: it sees sessions through the observer SPI and the kernel through its "
                        + "KernelProbe, whose real implementation app builds from proxy.SessionProbes"));
    }

    @Test
    void proxyReachesFaultsOnlyThroughTheirSpi() {
        check(noClasses().that().resideInAPackage("dev.synack.proxy..")
                .should().dependOnClassesThat().resideInAPackage("dev.synack.fault.builtin..")
                .because("the relay fills the fault slot through the fault SPI and never asks which fault is there"));
    }

    @Test
    void onlyTheProxyPackageTouchesSessionsOutboundPaths() {
        check(noClasses().that().resideOutsideOfPackage("dev.synack.proxy..")
                .should().dependOnClassesThat().haveFullyQualifiedName("dev.synack.proxy.OutboundTail")
                .because("bytes, FIN and RST leave through the tail of a session's outbound path, nowhere else"));
    }

    @Test
    void builtinFaultsNeverImportProxyOrAdmin() {
        check(noClasses().that().resideInAPackage("dev.synack.fault.builtin..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.synack.proxy..", "dev.synack.admin..")
                .because("a fault builds a handler from the fault SPI; the relay never special-cases one"));
    }

    private static void check(ArchRule rule) {
        rule.allowEmptyShould(true).check(product);
    }
}
