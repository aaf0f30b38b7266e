package dev.synack.mirror;

import dev.synack.net.SocketAddressText;
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

    /** The view of a live connection. */
    static ConnectionView of(ConnectionMirror c, long now) {
        return new ConnectionView(c.id, c.proxy, true, null, null, SocketAddressText.of(c.client),
                SocketAddressText.of(c.info.upstream()), c.startNanos, now, c.info.bytes(Direction.CLIENT_TO_SERVICE),
                c.info.bytes(Direction.SERVICE_TO_CLIENT), SocketView.of(c.down), c.up.exists ? SocketView.of(c.up) : null,
                c.timeline.copy());
    }
}
