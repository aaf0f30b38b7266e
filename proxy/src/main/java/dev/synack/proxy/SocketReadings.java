package dev.synack.proxy;

import dev.synack.observe.OptionReading;
import java.util.List;

/**
 * The effective options of one connection's two proxy sockets, read with getsockopt at one moment.
 *
 * @param connection the connection's id
 * @param open       whether the connection was still open when this was last looked at
 * @param downstream the accepted (client-facing) socket's options
 * @param upstream   the socket to the service's options, or null when it never connected
 */
public record SocketReadings(long connection, boolean open, List<OptionReading> downstream, List<OptionReading> upstream) {
    public SocketReadings {
        downstream = List.copyOf(downstream);
        upstream = upstream == null ? null : List.copyOf(upstream);
    }

    /** The same reading, of a connection that has ended since. */
    SocketReadings ended() {
        return new SocketReadings(connection, false, downstream, upstream);
    }
}
