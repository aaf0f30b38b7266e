package dev.synack.observe;

import java.net.InetSocketAddress;

/**
 * What a proxied connection tells the world. Called on the session's event loop, so implementations must
 * be quick and must not block; every method has an empty default. Exceptions are caught and logged by
 * {@link Observers}, never seen by the relay.
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

    /** A listener bound; {@code options} are the listener socket's effective values. */
    default void listening(String proxy, InetSocketAddress address, java.util.List<OptionReading> options) {}

    default void accepted(ConnectionInfo c) {}

    /** A connection refused at accept (limits, shutdown): it got an RST and never became a session. */
    default void rejected(String proxy, InetSocketAddress client, CloseReason reason) {}

    default void connectStarted(ConnectionInfo c, InetSocketAddress target, int attempt) {}

    default void connected(ConnectionInfo c, InetSocketAddress target, long connectNanos) {}

    default void connectFailed(ConnectionInfo c, InetSocketAddress target, int attempt, Throwable cause) {}

    /** {@code n} bytes read from the socket of one side, to be written on the other. */
    default void bytesRead(ConnectionInfo c, Side side, int n) {}

    /** Reading on {@code side} paused ({@code paused = true}) or resumed because the other side's buffer is full. */
    default void backpressure(ConnectionInfo c, Side side, boolean paused) {}

    default void finRead(ConnectionInfo c, Side side) {}

    /** A FIN left on {@code side}, after every byte before it was flushed. */
    default void finSent(ConnectionInfo c, Side side) {}

    default void resetRead(ConnectionInfo c, Side side) {}

    default void resetSent(ConnectionInfo c, Side side) {}

    /** A socket error on {@code side} that is not a reset (ETIMEDOUT, EPIPE, ...). */
    default void socketError(ConnectionInfo c, Side side, Throwable cause) {}

    default void closed(ConnectionSummary summary) {}
}
