package dev.synack.doctor;

import static dev.synack.doctor.DoctorFixture.only;
import static dev.synack.doctor.DoctorFixture.spec;
import static org.assertj.core.api.Assertions.assertThat;

import dev.synack.config.SocketSpec;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DoctorListenerTest {
    private static final String BACKLOG = "proxies[0].downstream.backlog";

    @TempDir
    Path root;

    @Test
    void backlogAboveSomaxconnIsCapped() {
        DoctorFixture fx = DoctorFixture.typical(root).set("net.core.somaxconn", "128");

        List<DoctorFinding> found = fx.examine(spec().backlog(1024).build(), SocketSpec.DEFAULT).about(BACKLOG);

        assertThat(found.get(0).status()).isEqualTo(DoctorStatus.ADJUSTED);
        assertThat(found.get(0).why()).startsWith("capped at net.core.somaxconn=128");
        assertThat(found.get(0).fix()).isEqualTo("sysctl -w net.core.somaxconn=1024");
    }

    @Test
    void backlogWithinSomaxconnAppliesAndTheSynQueueLimitsAreShown() {
        List<DoctorFinding> found = DoctorFixture.typical(root).examine(spec().backlog(1024).build(), SocketSpec.DEFAULT)
                .about(BACKLOG);

        assertThat(found).extracting(DoctorFinding::status)
                .containsExactly(DoctorStatus.OK, DoctorStatus.INFO, DoctorStatus.INFO);
        assertThat(found.get(1).why()).startsWith("net.ipv4.tcp_max_syn_backlog=2048:");
        assertThat(found.get(2).why()).isEqualTo("net.ipv4.tcp_syncookies=1: syncookies sent only when the SYN queue overflows");
    }

    @Test
    void anUnsetBacklogIsSomaxconn() {
        DoctorFinding f = DoctorFixture.typical(root).examine(SocketSpec.DEFAULT, SocketSpec.DEFAULT).about(BACKLOG).get(0);

        assertThat(f.status()).isEqualTo(DoctorStatus.INFO);
        assertThat(f.why()).contains("net.core.somaxconn (4096)");
    }

    @Test
    void deferAcceptIsRoundedToRetransmissionSteps() {
        DoctorFinding f = only(DoctorFixture.typical(root).examine(spec().deferAccept(Duration.ofSeconds(5)).build(),
                SocketSpec.DEFAULT), "proxies[0].downstream.defer_accept");

        assertThat(f.status()).isEqualTo(DoctorStatus.ADJUSTED);
        assertThat(f.why()).contains("SYN-ACK retransmissions").contains("reads back as 7s");
        assertThat(f.fix()).isEmpty();
    }

    @Test
    void deferAcceptOnAStepIsKept() {
        DoctorFinding f = only(DoctorFixture.typical(root).examine(spec().deferAccept(Duration.ofSeconds(7)).build(),
                SocketSpec.DEFAULT), "proxies[0].downstream.defer_accept");

        assertThat(f.status()).isEqualTo(DoctorStatus.OK);
        assertThat(f.why()).contains("reads back as 7s");
    }

    @Test
    void roundingMatchesWhatThisKernelReadsBack() {
        // Pairs measured with setsockopt/getsockopt(TCP_DEFER_ACCEPT) on this machine's kernel.
        long[][] measured = {{1, 1}, {3, 3}, {5, 7}, {8, 15}, {200, 247}, {1000, 1087}};
        for (long[] pair : measured) {
            assertThat(DeferAccept.rounded(pair[0])).as("defer_accept %ds", pair[0]).isEqualTo(pair[1]);
        }
        assertThat(DeferAccept.rounded(0)).isZero();
    }

    @Test
    void listenerOptionsOnTheUpstreamSideWillNotApply() {
        DoctorReport report = DoctorFixture.typical(root).examine(SocketSpec.DEFAULT,
                spec().backlog(10).reusePort(true).deferAccept(Duration.ofSeconds(1)).build());

        for (String option : List.of("backlog", "reuse_port", "defer_accept")) {
            DoctorFinding f = only(report, "proxies[0].upstream_socket." + option);
            assertThat(f.status()).isEqualTo(DoctorStatus.WONT_APPLY);
            assertThat(f.why()).startsWith("applies only to the listener");
            assertThat(f.fix()).isEqualTo("move " + option + " under downstream");
        }
    }

    @Test
    void reusePortApplies() {
        DoctorFinding f = only(DoctorFixture.typical(root).examine(spec().reusePort(true).build(), SocketSpec.DEFAULT),
                "proxies[0].downstream.reuse_port");

        assertThat(f.status()).isEqualTo(DoctorStatus.OK);
    }
}
