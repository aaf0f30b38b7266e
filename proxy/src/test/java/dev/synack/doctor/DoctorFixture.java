package dev.synack.doctor;

import dev.synack.net.Sysctls;
import dev.synack.net.Transport;
import static org.assertj.core.api.Assertions.assertThat;

import dev.synack.config.AdminSpec;
import dev.synack.config.BufferSpec;
import dev.synack.config.CloseAction;
import dev.synack.config.ConnectSpec;
import dev.synack.config.HostPort;
import dev.synack.config.KeepaliveSpec;
import dev.synack.config.LimitsSpec;
import dev.synack.config.ProxySpec;
import dev.synack.config.ShutdownSpec;
import dev.synack.config.SocketSpec;
import dev.synack.config.SynackConfig;
import dev.synack.config.TransportKind;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** A directory standing in for /proc/sys, and configs of one proxy, for the doctor's tests. */
final class DoctorFixture {
    final Path root;

    DoctorFixture(Path root) {
        this.root = root;
    }

    /** A kernel like this machine's: client-only TFO, 4 MiB buffer caps, somaxconn 4096. */
    static DoctorFixture typical(Path root) {
        return new DoctorFixture(root)
                .set("net.ipv4.tcp_fastopen", "1")
                .set("net.core.rmem_max", "4194304")
                .set("net.core.wmem_max", "4194304")
                .set("net.ipv4.tcp_rmem", "4096\t131072\t33554432")
                .set("net.ipv4.tcp_wmem", "4096\t16384\t4194304")
                .set("net.core.somaxconn", "4096")
                .set("net.ipv4.tcp_max_syn_backlog", "2048")
                .set("net.ipv4.tcp_syncookies", "1")
                .set("net.ipv4.tcp_window_scaling", "1")
                .set("net.ipv4.tcp_sack", "1")
                .set("net.ipv4.tcp_timestamps", "1")
                .set("net.ipv4.tcp_keepalive_time", "7200")
                .set("net.ipv4.tcp_keepalive_intvl", "75")
                .set("net.ipv4.tcp_keepalive_probes", "9")
                .set("net.ipv4.tcp_available_congestion_control", "reno bbr cubic")
                .set("net.ipv4.tcp_allowed_congestion_control", "reno bbr")
                .set("net.ipv4.tcp_congestion_control", "bbr")
                .set("net.ipv4.tcp_fin_timeout", "60")
                .set("net.ipv4.tcp_tw_reuse", "2")
                .set("net.ipv4.ip_local_port_range", "32768\t60999");
    }

    /** Writes a sysctl file the way the kernel shows it (value and a newline). */
    DoctorFixture set(String name, String value) {
        Path file = root.resolve(name.replace('.', '/'));
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, value + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    DoctorFixture remove(String name) {
        try {
            Files.delete(root.resolve(name.replace('.', '/')));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    Sysctls sysctls() {
        return new Sysctls(root);
    }

    DoctorReport examine(SocketSpec downstream, SocketSpec upstream) {
        return examine(config(downstream, upstream, LimitsSpec.DEFAULT), Transport.EPOLL, false);
    }

    DoctorReport examine(SynackConfig config, Transport transport, boolean netAdmin) {
        return Doctor.examine(config, transport, sysctls(), netAdmin);
    }

    static SynackConfig config(SocketSpec downstream, SocketSpec upstream, LimitsSpec limits) {
        return config(downstream, upstream, limits, "127.0.0.1");
    }

    /**
     * A proxy that listens on {@code host} ({@code 127.0.0.1}, {@code ::1}) at any free port, so the doctor's
     * bind test never meets another process, and connects to port 8080 there.
     */
    static SynackConfig config(SocketSpec downstream, SocketSpec upstream, LimitsSpec limits, String host) {
        return config(List.of(proxy("web", new HostPort(host, 0), new HostPort(host, 8080), downstream, upstream, limits)));
    }

    static SynackConfig config(List<ProxySpec> proxies) {
        return new SynackConfig(AdminSpec.DEFAULT, TransportKind.AUTO, ShutdownSpec.DEFAULT, proxies);
    }

    static ProxySpec proxy(String name, HostPort listen, HostPort upstream, SocketSpec downstream, SocketSpec upstreamSocket,
            LimitsSpec limits) {
        return new ProxySpec(name, listen, List.of(upstream), ConnectSpec.DEFAULT, CloseAction.RESET, CloseAction.RESET,
                limits, BufferSpec.DEFAULT, downstream, upstreamSocket, List.of());
    }

    /** The one finding about a path; fails when there is none or several. */
    static DoctorFinding only(DoctorReport report, String path) {
        List<DoctorFinding> found = report.about(path);
        assertThat(found).as("findings about " + path + " in\n" + report.render()).hasSize(1);
        return found.get(0);
    }

    /** A spec with no option set; {@link Spec} methods set one at a time. */
    static Spec spec() {
        return new Spec();
    }

    /** Builds a {@link SocketSpec} one option at a time (every other option stays null). */
    static final class Spec {
        private Boolean nodelay;
        private KeepaliveSpec keepalive;
        private Duration linger;
        private Integer rcvbuf;
        private Integer sndbuf;
        private Integer windowClamp;
        private Integer maxSegment;
        private Duration userTimeout;
        private Boolean quickack;
        private Integer tos;
        private String congestion;
        private Integer fastOpen;
        private Integer notsentLowat;
        private Integer backlog;
        private Boolean reusePort;
        private Duration deferAccept;

        Spec nodelay(boolean v) { nodelay = v; return this; }
        Spec keepalive(KeepaliveSpec v) { keepalive = v; return this; }
        Spec linger(Duration v) { linger = v; return this; }
        Spec rcvbuf(int v) { rcvbuf = v; return this; }
        Spec sndbuf(int v) { sndbuf = v; return this; }
        Spec windowClamp(int v) { windowClamp = v; return this; }
        Spec maxSegment(int v) { maxSegment = v; return this; }
        Spec userTimeout(Duration v) { userTimeout = v; return this; }
        Spec quickack(boolean v) { quickack = v; return this; }
        Spec tos(int v) { tos = v; return this; }
        Spec congestion(String v) { congestion = v; return this; }
        Spec fastOpen(int v) { fastOpen = v; return this; }
        Spec notsentLowat(int v) { notsentLowat = v; return this; }
        Spec backlog(int v) { backlog = v; return this; }
        Spec reusePort(boolean v) { reusePort = v; return this; }
        Spec deferAccept(Duration v) { deferAccept = v; return this; }

        SocketSpec build() {
            return new SocketSpec(nodelay, keepalive, linger, rcvbuf, sndbuf, windowClamp, maxSegment, userTimeout,
                    quickack, tos, congestion, fastOpen, notsentLowat, backlog, reusePort, deferAccept);
        }
    }
}
