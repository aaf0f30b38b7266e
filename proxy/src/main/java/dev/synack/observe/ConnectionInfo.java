package dev.synack.observe;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.Executor;

/** A live session as observers see it. Read it on the session's event loop or accept a racy snapshot. */
public interface ConnectionInfo {
    long id();

    /**
     * The session's event loop. Every event of the session is delivered on it; an observer that wants
     * to read the session's state at another time (a periodic probe) runs its task here.
     */
    Executor executor();

    /** Whether the session is still going (it has not been reported closed). */
    boolean isOpen();

    /** The monotonic time the session was accepted at, on the proxy's clock. */
    long startNanos();

    String proxy();

    InetSocketAddress client();

    /** The upstream address of the connection in progress or made; null before the first attempt. */
    InetSocketAddress upstream();

    /**
     * The local address of the proxy's socket on {@code side}, or null while there is none (upstream:
     * before it connects). Kept after the socket closes: with the remote address it is the 4-tuple that
     * finds the socket in /proc/net/tcp once its fd is gone (TIME_WAIT, orphaned FIN_WAIT_2, LAST_ACK).
     */
    InetSocketAddress localAddress(Side side);

    /** The remote address of the proxy's socket on {@code side} (client or service), or null while there is none. */
    InetSocketAddress remoteAddress(Side side);

    /** Bytes written to the other side's socket in {@code direction} so far. */
    long bytes(Direction direction);

    /**
     * Effective options of one of the two proxy sockets, read when the socket was set up; empty before
     * that, and empty when no observer {@linkplain ConnectionObserver#wantsSocketOptions() wants them}.
     */
    List<OptionReading> options(Side side);

    /**
     * The one object an observer keeps on the session for its later events to find without a look-up (the
     * mirror engine keeps the connection's mirror there), or null. Set and read on the session's loop; a
     * connection that keeps none answers null, and the observer looks its state up by {@link #id()}.
     */
    default Object attachment() {
        return null;
    }

    /** Keeps {@code attachment} on the session (see {@link #attachment()}); ignored where none is kept. */
    default void attach(Object attachment) {
    }
}
