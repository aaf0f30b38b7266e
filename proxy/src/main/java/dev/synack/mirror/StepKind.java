package dev.synack.mirror;

import dev.synack.mirror.model.TcpEvent;
import java.util.Locale;

/**
 * What one step of a socket's timeline is, with the segments it puts on the wire between the proxy's
 * socket and its peer, for the sequence diagram: {@code in} arrives at synack's socket, {@code out}
 * leaves it. Steps without segments are notes (the fd closed, a timeout).
 */
public enum StepKind {
    /** The client's SYN reached the listener; the kernel answered SYN,ACK (before accept: inferred). */
    SYN_RECEIVED("SYN", "SYN+ACK"),
    /** The client's ACK completed the handshake (before accept: inferred). */
    HANDSHAKE_ACKED("ACK", null),
    /** synack's connect() sent a SYN. */
    CONNECT(null, "SYN"),
    /** The service's SYN,ACK arrived; the kernel ACKed it and connect() completed. */
    CONNECTED("SYN+ACK", "ACK"),
    /** The service's host answered the SYN with an RST. */
    REFUSED("RST", null),
    /** No SYN,ACK within the connect timeout; synack closed the socket. */
    CONNECT_TIMEOUT(null, null),
    /** The connect failed otherwise (reset, no route, ...). */
    CONNECT_FAILED(null, null),
    /** The upstream's name did not resolve: no socket, no SYN. */
    UNRESOLVED(null, null),
    /** synack read the peer's FIN (the kernel ACKed it on arrival). */
    FIN_READ("FIN", "ACK"),
    /** The peer's FIN reached the kernel before synack read it. */
    FIN_ARRIVED("FIN", "ACK"),
    /** synack's FIN left, after every byte before it. */
    FIN_SENT(null, "FIN"),
    /** The peer ACKed synack's FIN (never seen from user space). */
    FIN_ACKED("ACK", null),
    /** The peer's FIN arrived carrying the ACK of ours. */
    FIN_ACK_ARRIVED("FIN+ACK", "ACK"),
    RST_READ("RST", null),
    /** An RST reached the kernel that synack never read (its fd was closed, or not yet). */
    RST_ARRIVED("RST", null),
    RST_SENT(null, "RST"),
    /** ETIMEDOUT: keepalive probes, retransmissions or TCP_USER_TIMEOUT ran out. */
    TIMED_OUT(null, null),
    /** A socket error other than a reset or a timeout (EPIPE, ...): a note, no state change. */
    SOCKET_ERROR(null, null),
    /** synack closed the socket's fd; the kernel may keep the connection a while. */
    FD_CLOSED(null, null),
    /** TIME_WAIT's 2·MSL (60 s on Linux) ran out. */
    TIME_WAIT_EXPIRED(null, null),
    /** The kernel dropped the socket with no segment or timer of the model (reused, overflowed, orphan limits). */
    SOCKET_DELETED(null, null);

    private final String in;
    private final String out;

    StepKind(String in, String out) {
        this.in = in;
        this.out = out;
    }

    /** The snake_case name of the timeline's {@code event} field. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The segment this step brings from the peer, or null. */
    public String in() {
        return in;
    }

    /** The segment this step sends to the peer, or null. */
    public String out() {
        return out;
    }

    /** The step a transition the kernel takes on its own is shown as. */
    static StepKind ofKernel(TcpEvent event) {
        return switch (event) {
            case RCV_SYN -> SYN_RECEIVED;
            case RCV_ACK_OF_SYN -> HANDSHAKE_ACKED;
            case RCV_SYN_ACK -> CONNECTED;
            case RCV_FIN -> FIN_ARRIVED;
            case RCV_ACK_OF_FIN -> FIN_ACKED;
            case RCV_FIN_ACK_OF_FIN -> FIN_ACK_ARRIVED;
            case RCV_RST -> RST_ARRIVED;
            case TIME_WAIT_TIMEOUT -> TIME_WAIT_EXPIRED;
            case USER_TIMEOUT -> TIMED_OUT;
            default -> SOCKET_DELETED;
        };
    }
}
