package dev.synack.proxy;

import dev.synack.observe.TcpInfo;
import dev.synack.net.TcpInfoReader;
import dev.synack.observe.ConnectionInfo;
import dev.synack.observe.Side;
import java.util.Optional;

/**
 * What an observer may ask the kernel about a session's sockets, without holding a channel: the
 * mirror's kernel probe and the access log's tcp_info summary read through here. Calls must run on the
 * session's event loop ({@link ConnectionInfo#executor()}); observer callbacks already do.
 */
public final class SessionProbes {
    private SessionProbes() {}

    /**
     * The tcp_info of the session's socket on {@code side}, read now with one getsockopt; empty on NIO,
     * before that socket exists and once its fd is closed (then /proc/net/tcp is the only view).
     */
    public static Optional<TcpInfo> tcpInfo(ConnectionInfo c, Side side) {
        if (!(c instanceof Session s)) {
            return Optional.empty();
        }
        Leg leg = side == Side.DOWNSTREAM ? s.downstream() : s.upstreamLeg();
        return leg.isOpen() ? TcpInfoReader.read(leg.channel) : Optional.empty();
    }
}
