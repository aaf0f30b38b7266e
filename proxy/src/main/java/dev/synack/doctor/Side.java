package dev.synack.doctor;

import dev.synack.config.ProxySpec;
import dev.synack.config.SocketOption;
import dev.synack.config.SocketSpec;
import dev.synack.net.Sysctls;
import dev.synack.net.Transport;
import java.util.List;

/**
 * One side of one proxy as {@link Doctor} examines it: the socket options asked for, where they sit in
 * the config, the transport that will apply them, and the kernel they will meet.
 *
 * @param prefix the config path of the side ({@code proxies[0].downstream}, {@code proxies[0].upstream_socket})
 * @param listener true for the downstream side (the listener and the sockets it accepts)
 * @param netAdmin whether this process holds CAP_NET_ADMIN (root), which lifts some kernel restrictions
 * @param jvm what the running JVM's Netty read from the kernel when it started
 */
record Side(String prefix, ProxySpec proxy, SocketSpec spec, boolean listener, Transport transport,
        Sysctls sysctls, boolean netAdmin, Jvm jvm) {

    /** The sides of a proxy in the order they are reported: downstream, then upstream. */
    static List<Side> of(int index, ProxySpec proxy, Transport transport, Sysctls sysctls, boolean netAdmin,
            Jvm jvm) {
        String base = "proxies[" + index + "]";
        SocketSpec down = proxy.downstream() != null ? proxy.downstream() : SocketSpec.DEFAULT;
        SocketSpec up = proxy.upstreamSocket() != null ? proxy.upstreamSocket() : SocketSpec.DEFAULT;
        return List.of(
                new Side(base + ".downstream", proxy, down, true, transport, sysctls, netAdmin, jvm),
                new Side(base + ".upstream_socket", proxy, up, false, transport, sysctls, netAdmin, jvm));
    }

    String path(String option) {
        return prefix + "." + option;
    }

    /** The config path of the proxy itself ({@code proxies[0]}). */
    String proxyPath() {
        return prefix.substring(0, prefix.indexOf('.'));
    }

    /**
     * Whether the transport gives this side's sockets what config asks of an option: it can apply it, or
     * the value asked is the kernel's default; when not, {@link TransportCheck} says so once.
     */
    boolean canApply(SocketOption option) {
        return option.honours(transport.kind(), option.requested(spec));
    }

    DoctorFinding ok(String option, String requested, String why) {
        return new DoctorFinding(path(option), requested, DoctorStatus.OK, why, "");
    }

    DoctorFinding adjusted(String option, String requested, String why, String fix) {
        return new DoctorFinding(path(option), requested, DoctorStatus.ADJUSTED, why, fix);
    }

    DoctorFinding wontApply(String option, String requested, String why, String fix) {
        return new DoctorFinding(path(option), requested, DoctorStatus.WONT_APPLY, why, fix);
    }

    DoctorFinding info(String option, String requested, String why) {
        return new DoctorFinding(path(option), requested, DoctorStatus.INFO, why, "");
    }

    /** The finding when a sysctl that decides an option cannot be read here. */
    DoctorFinding unreadable(String option, String requested, String sysctl) {
        return info(option, requested, Format.notReadable(sysctls, sysctl) + "; cannot tell how the kernel treats it");
    }
}
