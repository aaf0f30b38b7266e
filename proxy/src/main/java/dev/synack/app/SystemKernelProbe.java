package dev.synack.app;

import dev.synack.mirror.KernelProbe;
import dev.synack.mirror.KernelTable;
import dev.synack.mirror.ScanRequest;
import dev.synack.net.ProcNetTcp;
import dev.synack.net.Transport;
import dev.synack.observe.TcpInfo;
import dev.synack.observe.ConnectionInfo;
import dev.synack.observe.Side;
import dev.synack.proxy.SessionProbes;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The mirror's view of the real kernel: tcp_info through {@link SessionProbes} (the proxy's one public door
 * to a session's sockets, on the session's loop) and /proc/net/tcp{,6} through {@link ProcNetTcp}. It lives
 * here, in the composition root, so that the mirror package knows nothing of the proxy's internals.
 */
final class SystemKernelProbe implements KernelProbe {
    private static final Path PROC = Path.of("/proc");

    private final Transport transport;

    SystemKernelProbe(Transport transport) {
        this.transport = transport;
    }

    @Override
    public Optional<TcpInfo> tcpInfo(ConnectionInfo c, Side side) {
        return SessionProbes.tcpInfo(c, side);
    }

    @Override
    public KernelTable scan(ScanRequest wanted) throws IOException {
        // stamped before the read: a socket that moved during it is judged by its newer events
        long before = System.nanoTime();
        return KernelTable.of(ProcNetTcp.scan(PROC, wanted.tcp(), wanted.tcp6(), wanted), before, wanted);
    }

    /** The transport chose each socket's family (epoll and NIO: AF_INET for IPv4; io_uring: AF_INET6 always). */
    @Override
    public int tableOf(InetSocketAddress local) {
        return transport.opensInet6(local.getAddress()) ? ScanRequest.TCP6 : ScanRequest.TCP;
    }
}
