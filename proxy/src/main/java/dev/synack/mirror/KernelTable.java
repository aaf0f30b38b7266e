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

    static KernelTable of(ProcNetTcp scan) {
        return scan::find;
    }
}
