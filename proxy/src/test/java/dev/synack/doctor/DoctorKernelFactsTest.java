package dev.synack.doctor;

import dev.synack.net.Transport;
import static dev.synack.doctor.DoctorFixture.only;
import static dev.synack.doctor.DoctorFixture.spec;
import static org.assertj.core.api.Assertions.assertThat;

import dev.synack.config.KeepaliveSpec;
import dev.synack.config.LimitsSpec;
import dev.synack.config.SocketSpec;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DoctorKernelFactsTest {
    private static final List<String> GENERAL = List.of("net.ipv4.tcp_fastopen", "net.ipv4.tcp_sack",
            "net.ipv4.tcp_timestamps", "net.ipv4.tcp_window_scaling", "net.ipv4.tcp_fin_timeout", "net.ipv4.tcp_tw_reuse",
            "net.ipv4.tcp_syncookies", "net.ipv4.ip_local_port_range");

    @TempDir
    Path root;

    @Test
    void everyGeneralFactIsInfoWithItsValue() {
        DoctorReport report = DoctorFixture.typical(root).examine(SocketSpec.DEFAULT, SocketSpec.DEFAULT);

        for (String sysctl : GENERAL) {
            DoctorFinding f = only(report, "kernel." + sysctl);
            assertThat(f.status()).as(sysctl).isEqualTo(DoctorStatus.INFO);
            assertThat(f.group()).isEqualTo("kernel");
            assertThat(f.option()).isEqualTo(sysctl);
        }
        assertThat(only(report, "kernel.net.ipv4.tcp_fin_timeout").why()).contains("waits 60s in FIN_WAIT_2");
        assertThat(only(report, "kernel.net.ipv4.tcp_tw_reuse").why()).startsWith("loopback only");
        assertThat(only(report, "kernel.net.ipv4.ip_local_port_range").requested()).isEqualTo("32768 60999");
        assertThat(only(report, "kernel.net.ipv4.tcp_fastopen").why()).contains("clients only");
    }

    @Test
    void harmfulValuesCarryTheirFix() {
        DoctorFixture fx = DoctorFixture.typical(root).set("net.ipv4.tcp_sack", "0").set("net.ipv4.tcp_window_scaling", "0");

        DoctorReport report = fx.examine(SocketSpec.DEFAULT, SocketSpec.DEFAULT);

        DoctorFinding sack = only(report, "kernel.net.ipv4.tcp_sack");
        assertThat(sack.why()).startsWith("selective ACKs off");
        assertThat(sack.fix()).isEqualTo("sysctl -w net.ipv4.tcp_sack=1");
        DoctorFinding scaling = only(report, "kernel.net.ipv4.tcp_window_scaling");
        assertThat(scaling.why()).contains("no receive window exceeds 64 KiB");
        assertThat(scaling.fix()).isEqualTo("sysctl -w net.ipv4.tcp_window_scaling=1");
        assertThat(only(report, "kernel.net.ipv4.tcp_timestamps").hasFix()).isFalse();
    }

    @Test
    void anEmptyProcSysYieldsNotReadableFindingsNeverAnException() {
        SocketSpec asking = spec().fastOpen(256).rcvbuf(65536).sndbuf(65536).backlog(1024).congestion("bbr")
                .windowClamp(65536).keepalive(new KeepaliveSpec(true, null, null, null)).build();
        DoctorFixture empty = new DoctorFixture(root);

        DoctorReport report = empty.examine(DoctorFixture.config(asking, spec().fastOpen(1).build(), LimitsSpec.DEFAULT),
                Transport.EPOLL, false);

        for (String sysctl : GENERAL) {
            assertThat(only(report, "kernel." + sysctl).why()).isEqualTo(sysctl + " is not readable here ("
                    + root.resolve(sysctl.replace('.', '/')) + ")");
        }
        assertThat(only(report, "proxies[0].downstream.fast_open").status()).isEqualTo(DoctorStatus.INFO);
        assertThat(only(report, "proxies[0].downstream.fast_open").why()).contains("not readable here");
        assertThat(only(report, "proxies[0].downstream.congestion").why()).contains("not readable here");
        assertThat(only(report, "proxies[0].downstream.keepalive.idle").why()).contains("not readable here");
        assertThat(report.hasProblems()).as("unknown is not a problem").isFalse();
        assertThat(report.render()).contains("not readable here");
    }

    @Test
    void garbageInASysctlIsTreatedAsUnreadable() {
        DoctorFixture fx = DoctorFixture.typical(root).set("net.ipv4.tcp_fastopen", "lots");

        DoctorReport report = fx.examine(spec().fastOpen(256).build(), SocketSpec.DEFAULT);

        assertThat(only(report, "kernel.net.ipv4.tcp_fastopen").status()).isEqualTo(DoctorStatus.INFO);
        assertThat(only(report, "proxies[0].downstream.fast_open").status()).isEqualTo(DoctorStatus.INFO);
    }

    @Test
    void durationsInTheRenderedReportReadAsConfigWritesThem() {
        DoctorReport report = DoctorFixture.typical(root).examine(
                spec().keepalive(new KeepaliveSpec(true, Duration.ofMinutes(10), Duration.ofMillis(250), 3)).build(),
                SocketSpec.DEFAULT);

        assertThat(only(report, "proxies[0].downstream.keepalive.idle").requested()).isEqualTo("10m");
        assertThat(only(report, "proxies[0].downstream.keepalive.interval").requested()).isEqualTo("250ms");
    }
}
