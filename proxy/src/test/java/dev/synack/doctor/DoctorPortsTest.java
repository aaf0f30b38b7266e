package dev.synack.doctor;

import dev.synack.net.Transport;
import static dev.synack.doctor.DoctorFixture.only;
import static org.assertj.core.api.Assertions.assertThat;

import dev.synack.config.LimitsSpec;
import dev.synack.config.SocketSpec;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DoctorPortsTest {
    private static final String PATH = "proxies[0].limits.max_connections";

    @TempDir
    Path root;

    private DoctorFinding examine(String range, int maxConnections) {
        DoctorFixture fx = DoctorFixture.typical(root).set("net.ipv4.ip_local_port_range", range);
        LimitsSpec limits = new LimitsSpec(maxConnections, 0, Duration.ofMinutes(10), Duration.ZERO);
        return only(fx.examine(DoctorFixture.config(SocketSpec.DEFAULT, SocketSpec.DEFAULT, limits), Transport.EPOLL, false), PATH);
    }

    @Test
    void moreConnectionsThanEphemeralPortsAreCapped() {
        DoctorFinding f = examine("60000\t60999", 10_000);

        assertThat(f.status()).isEqualTo(DoctorStatus.ADJUSTED);
        assertThat(f.why()).contains("capped by 1000 ephemeral ports (net.ipv4.ip_local_port_range=60000 60999)")
                .contains("EADDRNOTAVAIL");
        assertThat(f.fix()).isEqualTo("sysctl -w net.ipv4.ip_local_port_range=\"1024 65535\"");
    }

    @Test
    void unlimitedConnectionsAreCappedToo() {
        DoctorFinding f = examine("32768\t60999", 0);

        assertThat(f.status()).isEqualTo(DoctorStatus.ADJUSTED);
        assertThat(f.requested()).isEqualTo("0 (unlimited)");
        assertThat(f.why()).contains("28232 ephemeral ports");
    }

    @Test
    void connectionsThatFitAreOk() {
        DoctorFinding f = examine("32768\t60999", 10_000);

        assertThat(f.status()).isEqualTo(DoctorStatus.OK);
        assertThat(f.why()).startsWith("28232 ephemeral ports");
    }
}
