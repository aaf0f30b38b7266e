package dev.synack.proxy;

import io.netty.channel.Channel;

/**
 * What the {@link OutboundTail} of one socket reports: bytes that reached the socket, the FIN and the RST
 * it performed, and the socket's close. Called on the socket's event loop; {@code ch} tells a session's
 * leg from a failed connect attempt's channel, which carries a tail too.
 */
interface TailEvents {
    /** {@code n} bytes were written to the socket (handed to the kernel). */
    void written(Channel ch, int n);

    /** The FIN left, after every byte before it. */
    void finSent(Channel ch);

    /** The socket was reset (SO_LINGER 0, close). */
    void resetSent(Channel ch);

    /** The socket is being closed sending nothing (a fault's {@code VANISH}). */
    void vanished(Channel ch);

    /** The socket's fd was closed, for whatever reason. */
    void socketClosed(Channel ch);

    /**
     * Whether the socket's input is still read by a splice, which may leave bytes in the socket after the
     * transport reported the peer's FIN: then our FIN neither closes the socket nor turns half-closure off.
     */
    default boolean inputSpliced(Channel ch) {
        return false;
    }
}
