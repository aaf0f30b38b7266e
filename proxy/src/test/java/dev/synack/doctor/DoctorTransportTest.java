package dev.synack.doctor;

import dev.synack.net.Transport;
import static dev.synack.doctor.DoctorFixture.only;
import static dev.synack.doctor.DoctorFixture.spec;
import static org.assertj.core.api.Assertions.assertThat;

import dev.synack.config.LimitsSpec;
import dev.synack.config.SocketSpec;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DoctorTransportTest {
    private static final List<String> NIO_CANNOT = List.of(
            "window_clamp", "max_segment", "congestion", "user_timeout", "notsent_lowat", "fast_open", "defer_accept");

    @TempDir
    Path root;

    private static SocketSpec everything() {
        return spec().windowClamp(65536).maxSegment(1400).congestion("bbr").userTimeout(Duration.ofSeconds(30))
                .notsentLowat(16384).fastOpen(256).deferAccept(Duration.ofSeconds(7)).build();
    }

    private DoctorReport examine(Transport transport) {
        DoctorFixture fx = DoctorFixture.typical(root).set("net.ipv4.tcp_fastopen", "3");
        return fx.examine(DoctorFixture.config(everything(), SocketSpec.DEFAULT, LimitsSpec.DEFAULT), transport, false);
    }

    @Test
    void nioReportsEachOptionItCannotSetOnce() {
        DoctorReport report = examine(Transport.NIO);

        for (String option : NIO_CANNOT) {
            DoctorFinding f = only(report, "proxies[0].downstream." + option);
            assertThat(f.status()).as(option).isEqualTo(DoctorStatus.WONT_APPLY);
            assertThat(f.why()).isEqualTo("transport nio cannot set " + option + "; use epoll or io_uring");
            assertThat(f.fix()).isEqualTo("set transport: epoll in the config");
        }
    }

    @Test
    void nativeTransportsApplyThemAll() {
        for (Transport transport : List.of(Transport.EPOLL, Transport.IO_URING)) {
            DoctorReport report = examine(transport);

            for (String option : NIO_CANNOT) {
                assertThat(report.about("proxies[0].downstream." + option))
                        .as(transport + " " + option).allSatisfy(f -> assertThat(f.status()).isNotEqualTo(DoctorStatus.WONT_APPLY));
            }
            assertThat(report.hasProblems()).as(transport.configName()).isFalse();
        }
    }

    @Test
    void nioTosMissesIpv4Packets() {
        DoctorReport report = DoctorFixture.typical(root).examine(
                DoctorFixture.config(spec().tos(0x10).build(), SocketSpec.DEFAULT, LimitsSpec.DEFAULT), Transport.NIO, false);

        DoctorFinding f = only(report, "proxies[0].downstream.tos");
        assertThat(f.status()).isEqualTo(DoctorStatus.WONT_APPLY);
        assertThat(f.why()).contains("IPv4 packets leave with tos 0");
    }

    @Test
    void nioTosIsRefusedWhateverTheAddressesAsRunRefusesIt() {
        DoctorReport report = DoctorFixture.typical(root).examine(
                DoctorFixture.config(spec().tos(0x10).build(), SocketSpec.DEFAULT, LimitsSpec.DEFAULT, "::1"),
                Transport.NIO, false);

        assertThat(only(report, "proxies[0].downstream.tos").status()).isEqualTo(DoctorStatus.WONT_APPLY);
    }

    @Test
    void nioHonoursTheKernelDefaultsOfWhatItCannotSet() {
        SocketSpec down = spec().fastOpen(0).userTimeout(Duration.ZERO).deferAccept(Duration.ZERO).tos(0).build();
        SocketSpec up = spec().fastOpen(0).userTimeout(Duration.ZERO).build();
        DoctorReport report = DoctorFixture.typical(root).examine(DoctorFixture.config(down, up, LimitsSpec.DEFAULT),
                Transport.NIO, false);

        assertThat(report.hasProblems()).as(report.render()).isFalse();
        for (String path : List.of("downstream.fast_open", "downstream.user_timeout", "downstream.defer_accept",
                "downstream.tos", "upstream_socket.fast_open", "upstream_socket.user_timeout")) {
            DoctorFinding f = only(report, "proxies[0]." + path);
            assertThat(f.status()).as(path).isEqualTo(DoctorStatus.OK);
            assertThat(f.why()).as(path).doesNotContain("transport nio");
        }
    }

    @Test
    void nioKeepsWhatItCanSet() {
        DoctorReport report = DoctorFixture.typical(root).examine(DoctorFixture.config(
                spec().nodelay(true).quickack(false).rcvbuf(65536).build(), SocketSpec.DEFAULT, LimitsSpec.DEFAULT),
                Transport.NIO, false);

        assertThat(report.hasProblems()).isFalse();
        assertThat(only(report, "proxies[0].downstream.nodelay").status()).isEqualTo(DoctorStatus.OK);
    }
}
