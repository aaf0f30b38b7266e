package dev.synack.doctor;

import dev.synack.net.Sysctls;
import dev.synack.net.Transport;
import static org.assertj.core.api.Assertions.assertThat;

import dev.synack.config.LimitsSpec;
import dev.synack.config.SocketSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** Runs the doctor on this machine's real /proc/sys: it must finish and report tcp_fastopen as the kernel has it. */
class DoctorSystemTest {
    @Test
    void examinesTheRealKernel() throws IOException {
        Path file = Path.of("/proc/sys/net/ipv4/tcp_fastopen");
        Assumptions.assumeTrue(Files.isReadable(file), "no /proc/sys/net/ipv4/tcp_fastopen on this machine");
        String real = Files.readString(file).trim();

        DoctorReport report = Doctor.examine(DoctorFixture.config(SocketSpec.DEFAULT, SocketSpec.DEFAULT, LimitsSpec.DEFAULT),
                Transport.EPOLL, Sysctls.system());

        DoctorFinding fastOpen = DoctorFixture.only(report, "kernel.net.ipv4.tcp_fastopen");
        assertThat(fastOpen.requested()).isEqualTo(real);
        assertThat(report.render()).contains("net.ipv4.tcp_fastopen").contains("verdict: ");
    }

    @Test
    void nettyReadTheSameServerBitAtStart() throws IOException {
        Assumptions.assumeTrue(Transport.EPOLL.isAvailable(), "epoll is not available here");
        long bits = Long.parseLong(Files.readString(Path.of("/proc/sys/net/ipv4/tcp_fastopen")).trim());

        assertThat(Jvm.CURRENT.tfoServer(Transport.EPOLL)).contains((bits & 2) != 0);
    }
}
