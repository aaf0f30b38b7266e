package dev.synack.config;

import java.time.Duration;

/**
 * Kernel socket options for one side of a proxy. A null field is not set: the kernel (or Netty) default
 * stays, and synack still reads the effective value back. The last four apply only to the listener
 * ({@code downstream}); for {@code upstream_socket} they must stay null.
 *
 * @param linger SO_LINGER in whole seconds; zero makes every close an RST
 * @param fastOpen on the listener the TFO queue length (0 = off); upstream 1 = TCP_FASTOPEN_CONNECT on, 0 = off
 * @param tos IP_TOS (and IPV6_TCLASS on dual-stack sockets), 0..255
 */
public record SocketSpec(
        Boolean nodelay,
        KeepaliveSpec keepalive,
        Duration linger,
        Integer rcvbuf,
        Integer sndbuf,
        Integer windowClamp,
        Integer maxSegment,
        Duration userTimeout,
        Boolean quickack,
        Integer tos,
        String congestion,
        Integer fastOpen,
        Integer notsentLowat,
        Integer backlog,
        Boolean reusePort,
        Duration deferAccept) {

    /** No option set but nodelay, which a proxy wants on both sides. */
    public static final SocketSpec DEFAULT =
            new SocketSpec(true, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null);
}
