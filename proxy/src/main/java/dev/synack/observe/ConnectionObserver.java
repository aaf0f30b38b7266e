package dev.synack.observe;

import java.net.InetSocketAddress;
import java.util.List;

/**
 * What a proxied connection tells the world. Called on the session's event loop, so implementations must
 * be quick and must not block; every method has an empty default. Exceptions are caught and logged by
 * {@link Observers}, never seen by the relay.
 *
 * <p>Every event of a connection carries {@code nanos}, the monotonic time it happened on the proxy's
 * clock ({@link System#nanoTime()} in production), so an observer can lay the events out on one
 * timeline. A session's events start with {@link #accepted} and end with exactly one {@link #closed};
 * {@link #socketClosed} comes once per socket the session held, before {@link #closed}.
 */
public interface ConnectionObserver {
    /**
     * Whether this observer needs the effective options of every connection's two sockets (in
     * {@link ConnectionSummary} and {@link ConnectionInfo#options(Side)}). Reading them costs about 20 µs
     * of getsockopt per socket, so sessions read them only when some observer says yes.
     */
    default boolean wantsSocketOptions() {
        return false;
    }

    /**
     * Of how many connections this observer needs each socket's tcp_info as it was at the socket's end
     * ({@link ConnectionSummary#tcpInfo(Side)}): 0 none, 1 every connection, N one connection in N (by
     * connection id). A session that reads it does so once per socket, with one getsockopt at the last
     * moment its fd is surely open: when synack sends its FIN, sends or reads an RST, meets a socket error
     * or closes the socket silently at a fault's request, whichever comes first. About 5 µs a socket:
     * an observer that only keeps statistics should sample.
     */
    default int tcpInfoEvery() {
        return 0;
    }

    /** A listener bound; {@code options} are the listener socket's effective values. */
    default void listening(String proxy, InetSocketAddress address, List<OptionReading> options) {}

    /** A listener closed (the proxy was disabled, removed or is shutting down). */
    default void stoppedListening(String proxy, InetSocketAddress address) {}

    /** The kernel completed a client's handshake and synack accepted the socket. */
    default void accepted(ConnectionInfo c, long nanos) {}

    /** A connection refused at accept (limits, shutdown): it got an RST and never became a session. */
    default void rejected(String proxy, InetSocketAddress client, CloseReason reason, long nanos) {}

    default void connectStarted(ConnectionInfo c, InetSocketAddress target, int attempt, long nanos) {}

    /** The upstream socket is connected; {@code connectNanos} is the time since the first attempt started. */
    default void connected(ConnectionInfo c, InetSocketAddress target, long connectNanos, long nanos) {}

    default void connectFailed(ConnectionInfo c, InetSocketAddress target, int attempt, ConnectOutcome outcome,
                               Throwable cause, long nanos) {}

    /** {@code n} bytes read from the socket of one side, to be written on the other. The hot path: no timestamp. */
    default void bytesRead(ConnectionInfo c, Side side, int n) {}

    /**
     * {@code n} bytes were written to the socket of {@code side} (handed to the kernel): what the peer on
     * that side is sent. The hot path: no timestamp.
     */
    default void bytesWritten(ConnectionInfo c, Side side, int n) {}

    /** Reading on {@code side} paused ({@code paused = true}) or resumed because the other side's buffer is full. */
    default void backpressure(ConnectionInfo c, Side side, boolean paused, long nanos) {}

    /** The peer's FIN was read on {@code side}. */
    default void finRead(ConnectionInfo c, Side side, long nanos) {}

    /** A FIN left on {@code side}, after every byte before it was flushed. */
    default void finSent(ConnectionInfo c, Side side, long nanos) {}

    default void resetRead(ConnectionInfo c, Side side, long nanos) {}

    default void resetSent(ConnectionInfo c, Side side, long nanos) {}

    /** A socket error on {@code side} that is not a reset (ETIMEDOUT, EPIPE, ...). */
    default void socketError(ConnectionInfo c, Side side, Throwable cause, long nanos) {}

    /**
     * A fault started acting: on a connection's direction, or at accept ({@code c} null then: a
     * connection refused by a fault never became a session). {@code fault} is its name, {@code type} its
     * type ({@code latency}, {@code rst_on_fin}, ...).
     */
    default void faultApplied(String proxy, ConnectionInfo c, String fault, String type, Direction direction, long nanos) {}

    /** The proxy's socket on {@code side} was closed: its fd is gone (the kernel may keep the connection a while). */
    default void socketClosed(ConnectionInfo c, Side side, long nanos) {}

    /** The session ended; every socket it held is closed. */
    default void closed(ConnectionSummary summary) {}
}
