package dev.synack.doctor;

import static dev.synack.doctor.DoctorFixture.only;
import static dev.synack.doctor.DoctorFixture.spec;
import static org.assertj.core.api.Assertions.assertThat;

import dev.synack.config.KeepaliveSpec;
import dev.synack.config.SocketSpec;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DoctorKeepaliveTest {
    private static final String K = "proxies[0].downstream.keepalive";

    @TempDir
    Path root;

    private DoctorReport examine(KeepaliveSpec keepalive) {
        return DoctorFixture.typical(root).examine(spec().keepalive(keepalive).build(), SocketSpec.DEFAULT);
    }

    @Test
    void unsetKnobsShowTheKernelDefaults() {
        DoctorReport report = examine(new KeepaliveSpec(true, null, null, null));

        DoctorFinding idle = only(report, K + ".idle");
        assertThat(idle.status()).isEqualTo(DoctorStatus.INFO);
        assertThat(idle.requested()).isEqualTo("unset");
        assertThat(idle.why()).isEqualTo("not set: the kernel default net.ipv4.tcp_keepalive_time=7200 applies (2h)");
        assertThat(only(report, K + ".interval").why()).contains("net.ipv4.tcp_keepalive_intvl=75 applies (75s)");
        assertThat(only(report, K + ".count").why()).contains("net.ipv4.tcp_keepalive_probes=9 applies (9 probes)");
        DoctorFinding on = only(report, K);
        assertThat(on.status()).isEqualTo(DoctorStatus.OK);
        assertThat(on.why()).contains("declared dead after idle + interval x count = 7875s (2h 11m 15s)");
    }

    @Test
    void setKnobsApply() {
        DoctorReport report = examine(new KeepaliveSpec(true, Duration.ofSeconds(60), Duration.ofSeconds(10), 5));

        assertThat(only(report, K + ".idle").status()).isEqualTo(DoctorStatus.OK);
        assertThat(only(report, K + ".interval").status()).isEqualTo(DoctorStatus.OK);
        assertThat(only(report, K + ".count").status()).isEqualTo(DoctorStatus.OK);
        assertThat(only(report, K + ".idle").why()).isEqualTo("takes effect as 60s (1m)");
        assertThat(only(report, K).why()).isEqualTo(
                "SO_KEEPALIVE on: a silent peer is declared dead after idle + interval x count = 110s (1m 50s)");
    }

    @Test
    void disabledKeepaliveIsSaid() {
        DoctorFinding f = only(examine(new KeepaliveSpec(false, Duration.ofSeconds(60), null, null)), K);

        assertThat(f.status()).isEqualTo(DoctorStatus.INFO);
        assertThat(f.why()).startsWith("disabled");
        assertThat(examine(new KeepaliveSpec(false, Duration.ofSeconds(60), null, null)).about(K + ".idle")).isEmpty();
    }

    @Test
    void unsetKeepaliveIsOff() {
        DoctorFinding f = only(DoctorFixture.typical(root).examine(SocketSpec.DEFAULT, SocketSpec.DEFAULT), K);

        assertThat(f.status()).isEqualTo(DoctorStatus.INFO);
        assertThat(f.why()).contains("SO_KEEPALIVE stays off");
    }

    @Test
    void valuesOutsideTheKernelRangeAreRefused() {
        DoctorReport report = examine(new KeepaliveSpec(true, Duration.ofSeconds(40_000), null, 200));

        DoctorFinding idle = only(report, K + ".idle");
        assertThat(idle.status()).isEqualTo(DoctorStatus.WONT_APPLY);
        assertThat(idle.why()).contains("outside 1..32767 seconds (EINVAL)");
        assertThat(idle.fix()).isEqualTo("set keepalive.idle between 1 and 32767");
        assertThat(only(report, K + ".count").status()).isEqualTo(DoctorStatus.WONT_APPLY);
        assertThat(report.hasProblems()).isTrue();
    }

    @Test
    void fractionsOfASecondAreDropped() {
        DoctorFinding f = only(examine(new KeepaliveSpec(true, Duration.ofMillis(2500), null, null)), K + ".idle");

        assertThat(f.status()).isEqualTo(DoctorStatus.ADJUSTED);
        assertThat(f.why()).isEqualTo("the kernel takes whole seconds: effective 2s");
    }
}
