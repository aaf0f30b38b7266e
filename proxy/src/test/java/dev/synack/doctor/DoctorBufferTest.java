package dev.synack.doctor;

import static dev.synack.doctor.DoctorFixture.only;
import static dev.synack.doctor.DoctorFixture.spec;
import static org.assertj.core.api.Assertions.assertThat;

import dev.synack.config.SocketSpec;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DoctorBufferTest {
    @TempDir
    Path root;

    @Test
    void rcvbufAboveRmemMaxIsCappedThenDoubled() {
        DoctorFixture fx = DoctorFixture.typical(root).set("net.core.rmem_max", "212992");

        DoctorFinding f = only(fx.examine(spec().rcvbuf(1024 * 1024).build(), SocketSpec.DEFAULT),
                "proxies[0].downstream.rcvbuf");

        assertThat(f.status()).isEqualTo(DoctorStatus.ADJUSTED);
        assertThat(f.requested()).isEqualTo("1MiB");
        assertThat(f.why()).contains("capped at net.core.rmem_max=212992").contains("effective 416KiB")
                .contains("disables receive autotuning (net.ipv4.tcp_rmem's max 32MiB no longer applies)");
        assertThat(f.fix()).isEqualTo("sysctl -w net.core.rmem_max=1048576");
    }

    @Test
    void rcvbufWithinRmemMaxIsDoubled() {
        DoctorFixture fx = DoctorFixture.typical(root);

        DoctorFinding f = only(fx.examine(SocketSpec.DEFAULT, spec().rcvbuf(256 * 1024).build()),
                "proxies[0].upstream_socket.rcvbuf");

        assertThat(f.status()).isEqualTo(DoctorStatus.ADJUSTED);
        assertThat(f.why()).startsWith("kernel doubles it").contains("effective 512KiB").contains("autotuning");
        assertThat(f.fix()).isEmpty();
    }

    @Test
    void sndbufAboveWmemMaxIsCapped() {
        DoctorFixture fx = DoctorFixture.typical(root).set("net.core.wmem_max", "65536");

        DoctorFinding f = only(fx.examine(spec().sndbuf(131072).build(), SocketSpec.DEFAULT), "proxies[0].downstream.sndbuf");

        assertThat(f.status()).isEqualTo(DoctorStatus.ADJUSTED);
        assertThat(f.why()).contains("capped at net.core.wmem_max=65536").contains("effective 128KiB")
                .contains("send autotuning (net.ipv4.tcp_wmem's max 4MiB");
        assertThat(f.fix()).isEqualTo("sysctl -w net.core.wmem_max=131072");
    }

    @Test
    void aTinyBufferIsRaisedToTheKernelMinimum() {
        DoctorFinding f = only(DoctorFixture.typical(root).examine(spec().rcvbuf(1000).build(), SocketSpec.DEFAULT),
                "proxies[0].downstream.rcvbuf");

        assertThat(f.status()).isEqualTo(DoctorStatus.ADJUSTED);
        assertThat(f.why()).contains("kernel's minimum: effective 2304");
    }

    @Test
    void unsetBuffersAreAutotunedWithinTcpRmemAndWmem() {
        DoctorReport report = DoctorFixture.typical(root).examine(SocketSpec.DEFAULT, SocketSpec.DEFAULT);

        DoctorFinding rcv = only(report, "proxies[0].downstream.rcvbuf");
        assertThat(rcv.status()).isEqualTo(DoctorStatus.INFO);
        assertThat(rcv.requested()).isEqualTo("unset");
        assertThat(rcv.why()).isEqualTo("not set: receive autotuning sizes it between 4KiB and 32MiB, starting at 128KiB"
                + " (net.ipv4.tcp_rmem)");
        assertThat(only(report, "proxies[0].upstream_socket.sndbuf").why()).contains("between 4KiB and 4MiB");
    }

    @Test
    void anUnreadableMaxIsInfo() {
        DoctorFixture fx = DoctorFixture.typical(root).remove("net.core.rmem_max");

        DoctorFinding f = only(fx.examine(spec().rcvbuf(65536).build(), SocketSpec.DEFAULT), "proxies[0].downstream.rcvbuf");

        assertThat(f.status()).isEqualTo(DoctorStatus.INFO);
        assertThat(f.why()).contains("net.core.rmem_max is not readable here");
    }
}
