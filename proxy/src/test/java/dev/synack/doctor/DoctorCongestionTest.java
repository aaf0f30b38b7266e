package dev.synack.doctor;

import dev.synack.net.Transport;
import static dev.synack.doctor.DoctorFixture.only;
import static dev.synack.doctor.DoctorFixture.spec;
import static org.assertj.core.api.Assertions.assertThat;

import dev.synack.config.LimitsSpec;
import dev.synack.config.SocketSpec;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DoctorCongestionTest {
    private static final String PATH = "proxies[0].upstream_socket.congestion";

    @TempDir
    Path root;

    private DoctorFinding examine(String algo, boolean netAdmin) {
        DoctorReport report = DoctorFixture.typical(root).examine(
                DoctorFixture.config(SocketSpec.DEFAULT, spec().congestion(algo).build(), LimitsSpec.DEFAULT),
                Transport.EPOLL, netAdmin);
        return only(report, PATH);
    }

    @Test
    void anAlgorithmThatIsNotLoadedWillNotApply() {
        DoctorFinding f = examine("vegas", false);

        assertThat(f.status()).isEqualTo(DoctorStatus.WONT_APPLY);
        assertThat(f.why()).contains("vegas is not loaded (net.ipv4.tcp_available_congestion_control: reno bbr cubic)");
        assertThat(f.fix()).isEqualTo("modprobe tcp_vegas");
    }

    @Test
    void aLoadedButNotAllowedAlgorithmWillNotApplyWithoutNetAdmin() {
        DoctorFinding f = examine("cubic", false);

        assertThat(f.status()).isEqualTo(DoctorStatus.WONT_APPLY);
        assertThat(f.why()).contains("not allowed").contains("reno bbr").contains("EPERM");
        assertThat(f.fix()).isEqualTo("sysctl -w net.ipv4.tcp_allowed_congestion_control=\"reno bbr cubic\"");
    }

    @Test
    void withNetAdminAnyLoadedAlgorithmApplies() {
        DoctorFinding f = examine("cubic", true);

        assertThat(f.status()).isEqualTo(DoctorStatus.OK);
        assertThat(f.why()).contains("CAP_NET_ADMIN");
    }

    @Test
    void anAllowedAlgorithmApplies() {
        DoctorFinding f = examine("bbr", false);

        assertThat(f.status()).isEqualTo(DoctorStatus.OK);
        assertThat(f.why()).isEqualTo("bbr is loaded and allowed for unprivileged processes");
    }

    @Test
    void unsetShowsTheKernelDefault() {
        DoctorFinding f = only(DoctorFixture.typical(root).examine(SocketSpec.DEFAULT, SocketSpec.DEFAULT), PATH);

        assertThat(f.status()).isEqualTo(DoctorStatus.INFO);
        assertThat(f.why()).isEqualTo("not set: the kernel default net.ipv4.tcp_congestion_control=bbr applies");
    }
}
