package dev.synack.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.synack.config.HostPort;
import dev.synack.config.LimitsSpec;
import dev.synack.config.ProxySpec;
import dev.synack.config.SocketSpec;
import dev.synack.net.Transport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The open-file limit against two descriptors per connection, summed over the proxies' max_connections. */
class DoctorOpenFilesTest {
    @TempDir
    Path root;

    private static ProxySpec proxy(String name, int maxConnections) {
        return DoctorFixture.proxy(name, new HostPort("127.0.0.1", 0), new HostPort("127.0.0.1", 8080), SocketSpec.DEFAULT,
                SocketSpec.DEFAULT, new LimitsSpec(maxConnections, 0, Duration.ofMinutes(10), Duration.ZERO));
    }

    private DoctorFinding examine(Optional<FileLimit> limit, ProxySpec... proxies) {
        DoctorReport report = Doctor.examine(DoctorFixture.config(List.of(proxies)), Transport.EPOLL,
                DoctorFixture.typical(root).sysctls(), false, Jvm.NONE, limit);
        return DoctorFixture.only(report, OpenFilesCheck.PATH);
    }

    @Test
    void tooFewDescriptorsForTwoPerConnectionIsAWarningWithTheNumbersAndTheFix() {
        DoctorFinding f = examine(Optional.of(new FileLimit(20000, 20000)), proxy("web", 10000), proxy("db", 5000));

        assertThat(f.status()).isEqualTo(DoctorStatus.WARNING);
        assertThat(f.requested()).isEqualTo("20000");
        assertThat(f.why()).isEqualTo("room for about 10000 proxied connections only: the limits allow 2 x max_connections"
                + " summed over 2 proxies = 2 x 15000 = 30000 descriptors (two per proxied connection: client and service);"
                + " past the limit accept fails (EMFILE)");
        assertThat(f.fix()).startsWith("raise the hard limit before synack starts: LimitNOFILE=30000 (systemd)");
    }

    @Test
    void aSoftLimitBelowTheHardOneIsRaisedWithUlimit() {
        DoctorFinding f = examine(Optional.of(new FileLimit(1024, 65536)), proxy("web", 10000));

        assertThat(f.status()).isEqualTo(DoctorStatus.WARNING);
        assertThat(f.fix()).isEqualTo("ulimit -n 20000 in the shell that starts synack");
    }

    @Test
    void enoughDescriptorsIsOk() {
        DoctorFinding f = examine(Optional.of(new FileLimit(20000, 20000)), proxy("web", 10000));

        assertThat(f.status()).isEqualTo(DoctorStatus.OK);
        assertThat(f.why()).startsWith("room for 2 x max_connections summed over 1 proxy = 2 x 10000 = 20000 descriptors");
    }

    @Test
    void unlimitedConnectionsOrAnUnknownLimitAreForInformation() {
        assertThat(examine(Optional.of(new FileLimit(20000, 20000)), proxy("web", 0)).why())
                .isEqualTo("proxies[0] set no max_connections (0): each connection holds two descriptors, so about 10000"
                        + " connections in all fit under this limit");
        assertThat(examine(Optional.empty(), proxy("web", 10)).status()).isEqualTo(DoctorStatus.INFO);
        assertThat(examine(Optional.of(new FileLimit(-1, -1)), proxy("web", 10)).status()).isEqualTo(DoctorStatus.OK);
    }

    @Test
    void readsTheMaxOpenFilesLineOfALimitsFile() throws Exception {
        Path limits = root.resolve("limits");
        Files.writeString(limits, String.join("\n",
                "Limit                     Soft Limit           Hard Limit           Units     ",
                "Max processes             63704                63704                processes ",
                "Max open files            1024                 524288               files     ",
                "Max locked memory         8388608              8388608              bytes     ", ""));

        assertThat(FileLimit.read(limits)).contains(new FileLimit(1024, 524288));
        assertThat(FileLimit.read(root.resolve("missing"))).isEmpty();
        assertThat(FileLimit.read(FileLimit.SELF)).as("this JVM's own").isPresent();
    }
}
