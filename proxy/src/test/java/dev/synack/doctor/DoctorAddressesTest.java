package dev.synack.doctor;

import static dev.synack.doctor.DoctorFixture.only;
import static org.assertj.core.api.Assertions.assertThat;

import dev.synack.config.HostPort;
import dev.synack.config.LimitsSpec;
import dev.synack.config.SocketSpec;
import dev.synack.net.Transport;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Whether a config can start here at all: its listen address is free, its upstream names resolve. */
class DoctorAddressesTest {
    @TempDir
    Path root;

    private DoctorReport examine(HostPort listen, HostPort upstream) {
        return DoctorFixture.typical(root).examine(DoctorFixture.config(List.of(DoctorFixture.proxy("web", listen, upstream,
                SocketSpec.DEFAULT, SocketSpec.DEFAULT, LimitsSpec.DEFAULT))), Transport.EPOLL, false);
    }

    @Test
    void aListenPortAnotherSocketHoldsWillNotTakeEffect() throws Exception {
        try (ServerSocket held = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            HostPort listen = new HostPort("127.0.0.1", held.getLocalPort());
            DoctorReport report = examine(listen, new HostPort("127.0.0.1", 8080));

            DoctorFinding f = only(report, "proxies[0].listen");
            assertThat(f.status()).isEqualTo(DoctorStatus.WONT_APPLY);
            assertThat(f.requested()).isEqualTo(listen.toString());
            assertThat(f.why()).startsWith("address already in use");
            assertThat(f.fix()).contains("sport = :" + held.getLocalPort());
            assertThat(report.hasProblems()).isTrue();
            assertThat(report.render()).contains("proxy web (proxies[0])\n  WONT_APPLY  listen ");
        }
    }

    @Test
    void aFreeListenAddressIsOkAndTheTestSocketIsGoneAtOnce() throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            port = probe.getLocalPort();
        }
        DoctorReport report = examine(new HostPort("127.0.0.1", port), new HostPort("127.0.0.1", 8080));

        assertThat(only(report, "proxies[0].listen").status()).isEqualTo(DoctorStatus.OK);
        try (ServerSocket again = new ServerSocket(port, 1, InetAddress.getByName("127.0.0.1"))) {
            assertThat(again.getLocalPort()).as("the doctor's listener is closed").isEqualTo(port);
        }
    }

    @Test
    void anUpstreamNameThatDoesNotResolveIsAWarningNotAnError() {
        DoctorReport report = examine(new HostPort("127.0.0.1", 0), new HostPort("nowhere.invalid", 8080));

        DoctorFinding f = only(report, "proxies[0].upstream");
        assertThat(f.status()).isEqualTo(DoctorStatus.WARNING);
        assertThat(f.why()).startsWith("nowhere.invalid does not resolve here (");
        assertThat(report.hasProblems()).isFalse();
        assertThat(report.verdict()).startsWith("verdict: every requested option takes effect; heed the warning above (");
    }

    @Test
    void aNameThatResolvesIsOkAndLiteralsNeedNoLookup() {
        DoctorReport named = examine(new HostPort("localhost", 0), new HostPort("localhost", 8080));
        DoctorReport literal = examine(new HostPort("127.0.0.1", 0), new HostPort("127.0.0.1", 8080));

        assertThat(only(named, "proxies[0].upstream").status()).isEqualTo(DoctorStatus.OK);
        assertThat(only(named, "proxies[0].upstream").why()).startsWith("resolves to ");
        assertThat(only(named, "proxies[0].listen").status()).isEqualTo(DoctorStatus.OK);
        assertThat(literal.about("proxies[0].upstream")).isEmpty();
    }

    @Test
    void aListenNameThatDoesNotResolveWillNotTakeEffect() {
        DoctorReport report = examine(new HostPort("nowhere.invalid", 0), new HostPort("127.0.0.1", 8080));

        DoctorFinding f = only(report, "proxies[0].listen");
        assertThat(f.status()).isEqualTo(DoctorStatus.WONT_APPLY);
        assertThat(f.why()).startsWith("the host name nowhere.invalid does not resolve here");
    }
}
