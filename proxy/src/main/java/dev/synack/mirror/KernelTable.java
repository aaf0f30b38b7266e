package dev.synack.mirror;

import dev.synack.net.ProcNetTcp;
import java.net.InetSocketAddress;
import java.util.Optional;

/** One scan of the kernel's TCP socket tables, looked up by 4-tuple (a {@link ProcNetTcp} in production). */
@FunctionalInterface
public interface KernelTable {
    /** A table that lists no socket. */
    KernelTable EMPTY = (local, remote) -> Optional.empty();

    /** The row of the socket with this 4-tuple, if the kernel still has it. */
    Optional<ProcNetTcp.Row> find(InetSocketAddress local, InetSocketAddress remote);

    /**
     * When the table was read, on the engine's clock. A scan is handed to a session's loop a little later:
     * a socket with an event after this time has moved on since, and the table says nothing about it.
     */
    default long takenAtNanos() {
        return Long.MAX_VALUE;
    }

    /** Whether this table would list the socket if the kernel has it: a scan may read only the rows a poll asked for. */
    default boolean covers(InetSocketAddress local, InetSocketAddress remote) {
        return true;
    }

    /**
     * Whether this table may list a socket between these ports: false only where {@link #covers} is false for
     * every address with them. A poll asks it of each closed socket first, before it makes the socket's
     * addresses to look it up (an ended connection keeps them packed), and most are not covered.
     */
    default boolean mayCover(int localPort, int remotePort) {
        return true;
    }

    /** A scan that holds the rows {@code asked} covers. */
    static KernelTable of(ProcNetTcp scan, long takenAtNanos, ScanRequest asked) {
        return new KernelTable() {
            @Override
            public Optional<ProcNetTcp.Row> find(InetSocketAddress local, InetSocketAddress remote) {
                return scan.find(local, remote);
            }

            @Override
            public boolean covers(InetSocketAddress local, InetSocketAddress remote) {
                return asked.covers(local, remote);
            }

            @Override
            public boolean mayCover(int localPort, int remotePort) {
                return asked.wants(localPort, remotePort);
            }

            @Override
            public long takenAtNanos() {
                return takenAtNanos;
            }
        };
    }
}
