package dev.synack.mirror;

import dev.synack.observe.TcpInfo;
import dev.synack.observe.ConnectionInfo;
import dev.synack.observe.Side;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Optional;

/**
 * Where the engine learns what the kernel thinks of a socket, behind an interface so that the engine can
 * be tested with synthetic events and readings. The real probe reads tcp_info with one getsockopt on the
 * socket's fd and scans /proc/net/tcp{,6}; a test probe returns what the scenario needs.
 */
public interface KernelProbe {
    /**
     * The tcp_info of the session's live socket on {@code side}; empty on NIO, before the socket exists
     * and after its fd closed. Called on the session's event loop ({@link ConnectionInfo#executor()}) only.
     */
    Optional<TcpInfo> tcpInfo(ConnectionInfo c, Side side);

    /**
     * One scan of the kernel's socket tables for every socket the poll needs at once ({@code wanted}: the
     * tables and port pairs; rows it does not cover may be left out). Called on the engine's own thread
     * only, once per poll and never with an empty request: a scan costs milliseconds, never an event loop's time.
     */
    KernelTable scan(ScanRequest wanted) throws IOException;

    /**
     * Which table lists a proxy socket bound to {@code local}: {@link ScanRequest#TCP}, {@link ScanRequest#TCP6}
     * or, when the probe cannot tell, {@link ScanRequest#BOTH}.
     */
    default int tableOf(InetSocketAddress local) {
        return ScanRequest.BOTH;
    }
}
