package dev.synack.doctor;

import static dev.synack.doctor.DoctorFixture.only;
import static dev.synack.doctor.DoctorFixture.spec;
import static org.assertj.core.api.Assertions.assertThat;

import dev.synack.config.SocketSpec;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DoctorBasicOptionsTest {
    private static final String D = "proxies[0].downstream.";

    @TempDir
    Path root;

    private DoctorReport examine(SocketSpec downstream) {
        return DoctorFixture.typical(root).examine(downstream, SocketSpec.DEFAULT);
    }

    @Test
    void tosLosesItsEcnBits() {
        DoctorFinding f = only(examine(spec().tos(0x13).build()), D + "tos");

        assertThat(f.status()).isEqualTo(DoctorStatus.ADJUSTED);
        assertThat(f.requested()).isEqualTo("0x13");
        assertThat(f.why()).contains("effective 0x10");
    }

    @Test
    void aTosWithoutEcnBitsApplies() {
        assertThat(only(examine(spec().tos(0xb8).build()), D + "tos").status()).isEqualTo(DoctorStatus.OK);
    }

    @Test
    void quickackIsNotSticky() {
        DoctorFinding f = only(examine(spec().quickack(true).build()), D + "quickack");

        assertThat(f.status()).isEqualTo(DoctorStatus.ADJUSTED);
        assertThat(f.why()).startsWith("not sticky");
    }

    @Test
    void lingerZeroResetsAndFractionsAreDropped() {
        assertThat(only(examine(spec().linger(Duration.ZERO).build()), D + "linger").why()).contains("RST");
        DoctorFinding f = only(examine(spec().linger(Duration.ofMillis(1500)).build()), D + "linger");
        assertThat(f.status()).isEqualTo(DoctorStatus.ADJUSTED);
        assertThat(f.why()).contains("effective 1s");
    }

    @Test
    void userTimeoutNodelayAndNotsentLowatApply() {
        DoctorReport report = examine(spec().userTimeout(Duration.ofSeconds(30)).nodelay(true).notsentLowat(16384).build());

        assertThat(only(report, D + "user_timeout").status()).isEqualTo(DoctorStatus.OK);
        assertThat(only(report, D + "user_timeout").why()).contains("30s").contains("ETIMEDOUT");
        assertThat(only(report, D + "nodelay").why()).startsWith("Nagle off");
        assertThat(only(report, D + "notsent_lowat").why()).contains("16KiB");
    }

    @Test
    void aNegativeUserTimeoutIsRefused() {
        DoctorFinding f = only(examine(spec().userTimeout(Duration.ofSeconds(-1)).build()), D + "user_timeout");

        assertThat(f.status()).isEqualTo(DoctorStatus.WONT_APPLY);
        assertThat(f.why()).contains("EINVAL");
    }
}
