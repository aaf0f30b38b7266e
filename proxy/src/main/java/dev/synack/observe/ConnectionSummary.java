package dev.synack.observe;

import java.net.InetSocketAddress;
import java.util.List;

/**
 * The record of one ended session: who, where to, how many attempts, bytes each way, who closed first
 * and why it ended, plus the effective options of both proxy sockets and their tcp_info at their end.
 *
 * @param upstream the upstream connected to, or the last one tried, or null if none was tried
 * @param attempts connects tried, each upstream of each walk down the list counting one
 * @param connectNanos time from the first connect attempt to the established upstream connection; -1 if none
 * @param bytesClientToService bytes written to the service's socket (what the service was sent)
 * @param bytesServiceToClient bytes written to the client's socket
 * @param discardedClientToService bytes read from the client and never written to the service: read after
 *        the session had ended that direction (a FIN synack sent itself, an RST), or dropped by a fault
 * @param discardedServiceToClient the same for bytes read from the service
 * @param downstreamTcpInfo the client-facing socket's tcp_info read at its end; null when no observer
 *        {@linkplain ConnectionObserver#tcpInfoEvery() wants it of this connection}, on NIO, or when the socket ended in a way
 *        that left no moment to read it (its fd closed under the session)
 * @param upstreamTcpInfo the same for the socket to the service; null also when none was connected
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
        List<OptionReading> upstreamOptions,
        TcpInfo downstreamTcpInfo,
        TcpInfo upstreamTcpInfo) {
    public ConnectionSummary {
        downstreamOptions = List.copyOf(downstreamOptions);
        upstreamOptions = List.copyOf(upstreamOptions);
    }

    /** A summary without tcp_info (as when no observer wants it). */
    public ConnectionSummary(long id, String proxy, InetSocketAddress client, InetSocketAddress upstream, int attempts,
                             long connectNanos, long durationNanos, long bytesClientToService, long bytesServiceToClient,
                             long discardedClientToService, long discardedServiceToClient, Peer closedFirst,
                             CloseReason reason, List<OptionReading> downstreamOptions, List<OptionReading> upstreamOptions) {
        this(id, proxy, client, upstream, attempts, connectNanos, durationNanos, bytesClientToService, bytesServiceToClient,
                discardedClientToService, discardedServiceToClient, closedFirst, reason, downstreamOptions, upstreamOptions,
                null, null);
    }

    /** The tcp_info of the socket on {@code side} at its end, or null (see the record's parameters). */
    public TcpInfo tcpInfo(Side side) {
        return side == Side.DOWNSTREAM ? downstreamTcpInfo : upstreamTcpInfo;
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
