package dev.synack.fault;

/**
 * The in-band markers of a direction's outbound path. Bytes ({@code ByteBuf}) and these travel the
 * writing channel's pipeline in one order, through the fault handlers to the tail, which performs them:
 * {@link #FIN} once every byte written before it has been flushed, {@link #RESET} at once (SO_LINGER 0,
 * then close; whatever is still queued is discarded, as an RST does). A fault handler may delay, drop or
 * replace a marker it receives, or write one of its own (a fault that ends a connection), but must keep
 * bytes and markers in the order it passes them on.
 */
public enum StreamEnd {
    /** Half-close this direction: shutdown(SHUT_WR) after the bytes before it. */
    FIN,
    /** Abort the connection on this socket: an RST to its peer. Every fault passes it on at once. */
    RESET,
    /**
     * Close this socket sending nothing at all, neither FIN nor RST (TCP_REPAIR, then close): its peer
     * keeps an ESTABLISHED connection to nobody. Only a fault asks for it; it needs CAP_NET_ADMIN and a
     * native transport, and the tail reports a {@link FaultFailedException} when it cannot.
     */
    VANISH
}
