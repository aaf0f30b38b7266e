package dev.synack.mirror;

import dev.synack.net.SocketAddressText;
import dev.synack.observe.ConnectionSummary;
import dev.synack.observe.Direction;
import dev.synack.observe.Peer;
import java.util.ArrayList;
import java.util.List;

/**
 * An immutable snapshot of one connection's mirror, taken at {@code nowNanos}: what the admin API and the
 * sequence diagram show. {@code upstream} (the socket) is null when no connect was ever started;
 * {@code closeReason} and {@code closedFirst} are null while the connection is open.
 */
public record ConnectionView(long id, String proxy, boolean open, String closeReason, Peer closedFirst, String client,
                             String upstreamAddress, long startNanos, long nowNanos, long bytesClientToService,
                             long bytesServiceToClient, SocketView downstream, SocketView upstream,
                             List<TimelineEntry> timeline) {
    public ConnectionView {
        timeline = List.copyOf(timeline);
    }

    public long ageNanos() {
        return nowNanos - startNanos;
    }

    /** The divergences of both sockets. */
    public List<Divergence> divergences() {
        List<Divergence> all = new ArrayList<>(downstream.divergences());
        if (upstream != null) {
            all.addAll(upstream.divergences());
        }
        return all;
    }

    static ConnectionView of(ConnectionMirror c, ConnectionSummary s, long now) {
        boolean open = s == null;
        long toService = open ? c.info.bytes(Direction.CLIENT_TO_SERVICE) : s.bytesClientToService();
        long toClient = open ? c.info.bytes(Direction.SERVICE_TO_CLIENT) : s.bytesServiceToClient();
        return new ConnectionView(c.id, c.proxy, open, open ? null : s.reason().key(), open ? null : s.closedFirst(),
                SocketAddressText.of(c.client), SocketAddressText.of(open ? c.info.upstream() : s.upstream()), c.startNanos, now,
                toService, toClient, SocketView.of(c.down), c.up.exists ? SocketView.of(c.up) : null, c.timeline.copy());
    }
}
