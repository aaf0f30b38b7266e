package dev.synack.net;

import dev.synack.config.SocketOption;
import io.netty.channel.ChannelOption;
import java.net.StandardSocketOptions;
import java.util.EnumMap;
import java.util.Map;
import jdk.net.ExtendedSocketOptions;

/**
 * How each entry of the {@link SocketOption} table reaches a channel: through the fd with
 * setsockopt/getsockopt on epoll and io_uring, through the JDK's socket options on NIO. The table says
 * which transports can apply an entry; this class says how, and a test holds the two to agreement.
 */
final class SocketOptionAccess {
    /** tcp_info byte offsets: tcpi_options (u8) and tcpi_sacked, which a listener fills with its backlog (u32). */
    private static final int TCPI_OPTIONS = 5;
    private static final int TCPI_SACKED = 28;

    private static final Map<SocketOption, OptionAccess> NATIVE = map(true);
    private static final Map<SocketOption, OptionAccess> NIO = map(false);

    private SocketOptionAccess() {}

    /** How transport {@code t} applies and reads {@code o}; null when it cannot. */
    static OptionAccess of(SocketOption o, Transport t) {
        return (t.isNative() ? NATIVE : NIO).get(o);
    }

    private static Map<SocketOption, OptionAccess> map(boolean nativeFd) {
        Map<SocketOption, OptionAccess> m = new EnumMap<>(SocketOption.class);
        for (SocketOption o : SocketOption.values()) {
            OptionAccess a = nativeFd ? onFd(o) : onNio(o);
            if (a != null) {
                m.put(o, a);
            }
        }
        return m;
    }

    /** On the fd of an epoll or io_uring socket: every entry, most of them as a plain integer option. */
    private static OptionAccess onFd(SocketOption o) {
        return switch (o) {
            case LINGER -> new OptionAccess.Linger();
            case TOS -> new OptionAccess.Tos();
            case CONGESTION -> new OptionAccess.Congestion();
            case FAST_OPEN_CHILD -> new OptionAccess.TcpInfoField(TCPI_OPTIONS, 1);
            case BACKLOG -> new OptionAccess.TcpInfoField(TCPI_SACKED, 4);
            case NODELAY, KEEPALIVE, KEEPALIVE_IDLE, KEEPALIVE_INTERVAL, KEEPALIVE_COUNT, RCVBUF, SNDBUF, WINDOW_CLAMP,
                    MAX_SEGMENT, USER_TIMEOUT, QUICKACK, NOTSENT_LOWAT, FAST_OPEN, FAST_OPEN_CONNECT, REUSE_PORT,
                    DEFER_ACCEPT -> new OptionAccess.Int(o.kernel());
        };
    }

    /** Through the JDK on NIO: the standard and extended socket options it names; null for the rest. */
    private static OptionAccess onNio(SocketOption o) {
        return switch (o) {
            case NODELAY -> jdk(StandardSocketOptions.TCP_NODELAY);
            case KEEPALIVE -> jdk(StandardSocketOptions.SO_KEEPALIVE);
            case KEEPALIVE_IDLE -> jdk(ExtendedSocketOptions.TCP_KEEPIDLE);
            case KEEPALIVE_INTERVAL -> jdk(ExtendedSocketOptions.TCP_KEEPINTERVAL);
            case KEEPALIVE_COUNT -> jdk(ExtendedSocketOptions.TCP_KEEPCOUNT);
            case LINGER -> jdk(StandardSocketOptions.SO_LINGER);
            case RCVBUF -> new OptionAccess.Jdk(StandardSocketOptions.SO_RCVBUF, true);
            case SNDBUF -> new OptionAccess.Jdk(StandardSocketOptions.SO_SNDBUF, true);
            case QUICKACK -> jdk(ExtendedSocketOptions.TCP_QUICKACK);
            case BACKLOG -> new OptionAccess.Netty(ChannelOption.SO_BACKLOG);
            case REUSE_PORT -> jdk(StandardSocketOptions.SO_REUSEPORT);
            // IP_TOS would set only IPV6_TCLASS on the JDK's dual-stack sockets; the others have no JDK option
            case WINDOW_CLAMP, MAX_SEGMENT, USER_TIMEOUT, TOS, CONGESTION, NOTSENT_LOWAT, FAST_OPEN, FAST_OPEN_CONNECT,
                    FAST_OPEN_CHILD, DEFER_ACCEPT -> null;
        };
    }

    private static OptionAccess jdk(java.net.SocketOption<?> option) {
        return new OptionAccess.Jdk(option, false);
    }
}
