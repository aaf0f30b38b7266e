package dev.synack.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SysctlsTest {
    @TempDir
    Path root;

    @Test
    void readsTheFileUnderTheDottedNameTrimmed() {
        new SysctlDir(root).set("net.ipv4.tcp_fastopen", "  3 ");

        assertThat(new Sysctls(root).read("net.ipv4.tcp_fastopen")).contains("3");
        assertThat(new Sysctls(root).fileOf("net.ipv4.tcp_fastopen")).isEqualTo(root.resolve("net/ipv4/tcp_fastopen"));
    }

    @Test
    void aMissingSysctlIsEmptyNotAnError() {
        Sysctls sysctls = new Sysctls(root);

        assertThat(sysctls.read("net.ipv4.tcp_fastopen")).isEmpty();
        assertThat(sysctls.readLong("net.ipv4.tcp_fastopen")).isEmpty();
        assertThat(sysctls.readLongs("net.ipv4.tcp_rmem")).isEmpty();
        assertThat(sysctls.readWords("net.ipv4.tcp_available_congestion_control")).isEmpty();
    }

    @Test
    void aDirectoryIsNotASysctl() {
        new SysctlDir(root).set("net.ipv4.tcp_sack", "1");

        assertThat(new Sysctls(root).read("net.ipv4")).isEmpty();
    }

    @Test
    void parsesNumbersListsAndWords() {
        new SysctlDir(root)
                .set("net.core.somaxconn", "4096")
                .set("net.ipv4.tcp_rmem", "4096\t131072\t33554432")
                .set("net.ipv4.tcp_allowed_congestion_control", "reno bbr")
                .set("net.ipv4.tcp_sack", "yes");
        Sysctls sysctls = new Sysctls(root);

        assertThat(sysctls.readLong("net.core.somaxconn")).hasValue(4096);
        assertThat(sysctls.readLongs("net.ipv4.tcp_rmem")).get().isEqualTo(new long[] {4096, 131072, 33554432});
        assertThat(sysctls.readWords("net.ipv4.tcp_allowed_congestion_control")).isEqualTo(List.of("reno", "bbr"));
        assertThat(sysctls.readLong("net.ipv4.tcp_rmem")).as("three numbers are not one").isEmpty();
        assertThat(sysctls.readLong("net.ipv4.tcp_sack")).as("not a number").isEmpty();
    }

    @Test
    void cachesNothing() {
        SysctlDir fixture = new SysctlDir(root).set("net.ipv4.tcp_fastopen", "1");
        Sysctls sysctls = new Sysctls(root);
        assertThat(sysctls.readLong("net.ipv4.tcp_fastopen")).hasValue(1);

        fixture.set("net.ipv4.tcp_fastopen", "3");

        assertThat(sysctls.readLong("net.ipv4.tcp_fastopen")).hasValue(3);
    }

    @Test
    void refusesNamesThatCouldLeaveTheRoot() {
        Sysctls sysctls = new Sysctls(root);

        assertThatThrownBy(() -> sysctls.read("net/../../etc/passwd")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> sysctls.read("net..ipv4")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void systemReadsTheRealProcSysWhole() throws Exception {
        // /proc/sys numbers are served only at offset 0: a reader starting with a short read gets one digit.
        Sysctls system = Sysctls.system();
        assertThat(system.root()).isEqualTo(Path.of("/proc/sys"));
        for (String name : List.of("net.core.somaxconn", "net.ipv4.tcp_rmem", "net.ipv4.ip_local_port_range",
                "net.ipv4.tcp_available_congestion_control")) {
            Optional<String> value = system.read(name);
            assertThat(value).as(name + " exists on every Linux kernel").isPresent();
            assertThat(value.get().split("\\s+")).as(name).isEqualTo(cat(system.fileOf(name)).trim().split("\\s+"));
        }
        assertThat(system.readLongs("net.ipv4.tcp_rmem")).get().satisfies(v -> assertThat(v).hasSize(3));
    }

    /** The file as cat(1) shows it, read independently of {@link Sysctls}. */
    private static String cat(Path file) throws Exception {
        Process p = new ProcessBuilder("cat", file.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor()).isZero();
        return out;
    }

    /** Writes sysctl files under a stand-in /proc/sys, as the kernel shows them (value and a newline). */
    private record SysctlDir(Path root) {
        SysctlDir set(String name, String value) {
            Path file = root.resolve(name.replace('.', '/'));
            try {
                Files.createDirectories(file.getParent());
                Files.writeString(file, value + "\n");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return this;
        }
    }
}
