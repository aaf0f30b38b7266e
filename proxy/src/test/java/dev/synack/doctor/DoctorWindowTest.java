package dev.synack.doctor;

import static dev.synack.doctor.DoctorFixture.only;
import static dev.synack.doctor.DoctorFixture.spec;
import static org.assertj.core.api.Assertions.assertThat;

import dev.synack.config.SocketSpec;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DoctorWindowTest {
    @TempDir
    Path root;

    @Test
    void withoutWindowScalingABigBufferDoesNotWidenTheWindow() {
        DoctorFixture fx = DoctorFixture.typical(root).set("net.ipv4.tcp_window_scaling", "0");

        DoctorReport report = fx.examine(spec().rcvbuf(256 * 1024).build(), SocketSpec.DEFAULT);

        var findings = report.about("proxies[0].downstream.rcvbuf");
        assertThat(findings).hasSize(2);
        DoctorFinding window = findings.get(1);
        assertThat(window.status()).isEqualTo(DoctorStatus.ADJUSTED);
        assertThat(window.why()).contains("net.ipv4.tcp_window_scaling=0").contains("capped at 64 KiB");
        assertThat(window.fix()).isEqualTo("sysctl -w net.ipv4.tcp_window_scaling=1");
    }

    @Test
    void withWindowScalingTheBufferIsJustDoubled() {
        DoctorReport report = DoctorFixture.typical(root).examine(spec().rcvbuf(256 * 1024).build(), SocketSpec.DEFAULT);

        assertThat(only(report, "proxies[0].downstream.rcvbuf").why()).doesNotContain("window_scaling");
    }

    @Test
    void aClampAbove64KiBWithoutScalingIsCut() {
        DoctorFixture fx = DoctorFixture.typical(root).set("net.ipv4.tcp_window_scaling", "0");

        DoctorFinding f = only(fx.examine(SocketSpec.DEFAULT, spec().windowClamp(262144).build()),
                "proxies[0].upstream_socket.window_clamp");

        assertThat(f.status()).isEqualTo(DoctorStatus.ADJUSTED);
        assertThat(f.why()).contains("effectively 65535");
        assertThat(f.fix()).isEqualTo("sysctl -w net.ipv4.tcp_window_scaling=1");
    }

    @Test
    void aTinyClampIsRaisedToTheKernelMinimum() {
        DoctorFinding f = only(DoctorFixture.typical(root).examine(spec().windowClamp(100).build(), SocketSpec.DEFAULT),
                "proxies[0].downstream.window_clamp");

        assertThat(f.status()).isEqualTo(DoctorStatus.ADJUSTED);
        assertThat(f.why()).contains("effective 1152");
    }

    @Test
    void anOrdinaryClampApplies() {
        DoctorFinding f = only(DoctorFixture.typical(root).examine(spec().windowClamp(65536).build(), SocketSpec.DEFAULT),
                "proxies[0].downstream.window_clamp");

        assertThat(f.status()).isEqualTo(DoctorStatus.OK);
        assertThat(f.why()).contains("at or below 64KiB");
    }

    @Test
    void maxSegmentOutsideTheKernelRangeIsRefused() {
        DoctorReport report = DoctorFixture.typical(root).examine(spec().maxSegment(50).build(), spec().maxSegment(1400).build());

        DoctorFinding bad = only(report, "proxies[0].downstream.max_segment");
        assertThat(bad.status()).isEqualTo(DoctorStatus.WONT_APPLY);
        assertThat(bad.why()).contains("outside 88..32767 (EINVAL)");
        assertThat(bad.fix()).isEqualTo("set max_segment between 88 and 32767");
        DoctorFinding good = only(report, "proxies[0].upstream_socket.max_segment");
        assertThat(good.status()).isEqualTo(DoctorStatus.OK);
        assertThat(good.why()).contains("before connect");
    }
}
