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
        Peer closedFirst,
        CloseReason reason,
        List<OptionReading> downstreamOptions,
        List<OptionReading> upstreamOptions) {
    public ConnectionSummary {
        downstreamOptions = List.copyOf(downstreamOptions);
        upstreamOptions = List.copyOf(upstreamOptions);
    }
}
