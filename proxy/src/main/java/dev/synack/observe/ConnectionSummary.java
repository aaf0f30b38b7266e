package dev.synack.observe;

import java.net.InetSocketAddress;
import java.util.List;

/**
 * The record of one ended session: who, where to, how many attempts, bytes each way, who closed first
 * and why it ended, plus the effective options of both proxy sockets.
 *
 * @param upstream the upstream connected to, or the last one tried, or null if none was tried
 * @param attempts connects tried, each upstream of each walk down the list counting one
 * @param connectNanos time from the first connect attempt to the established upstream connection; -1 if none
 * @param bytesClientToService bytes written to the service's socket (what the service was sent)
 * @param bytesServiceToClient bytes written to the client's socket
 * @param discardedClientToService bytes read from the client and never written to the service: read after
 *        the session had ended that direction (a FIN synack sent itself, an RST), or dropped by a fault
 * @param discardedServiceToClient the same for bytes read from the service
 */
public record ConnectionSummary(
        long id,
        String proxy,
        InetSocketAddress client,
        InetSocketAddress upstream,
        int attempts,
        long connectNanos,
        long durationNanos,
        long bytesClientToService,
        long bytesServiceToClient,
        long discardedClientToService,
        long discardedServiceToClient,
        Peer closedFirst,
        CloseReason reason,
        List<OptionReading> downstreamOptions,
        List<OptionReading> upstreamOptions) {
    public ConnectionSummary {
        downstreamOptions = List.copyOf(downstreamOptions);
        upstreamOptions = List.copyOf(upstreamOptions);
    }

    /** Bytes written in {@code direction}. */
    public long bytes(Direction direction) {
        return direction == Direction.CLIENT_TO_SERVICE ? bytesClientToService : bytesServiceToClient;
    }

    /** Bytes read in {@code direction} and never written. */
    public long discarded(Direction direction) {
        return direction == Direction.CLIENT_TO_SERVICE ? discardedClientToService : discardedServiceToClient;
    }
}
