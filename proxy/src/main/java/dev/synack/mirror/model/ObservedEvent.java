package dev.synack.mirror.model;

import static dev.synack.mirror.model.TcpEvent.ABORT;
import static dev.synack.mirror.model.TcpEvent.ACTIVE_OPEN;
import static dev.synack.mirror.model.TcpEvent.CLOSE;
import static dev.synack.mirror.model.TcpEvent.RCV_ACK_OF_SYN;
import static dev.synack.mirror.model.TcpEvent.RCV_FIN;
import static dev.synack.mirror.model.TcpEvent.RCV_RST;
import static dev.synack.mirror.model.TcpEvent.RCV_SYN;
import static dev.synack.mirror.model.TcpEvent.RCV_SYN_ACK;
import static dev.synack.mirror.model.TcpEvent.USER_TIMEOUT;

import java.util.List;

/**
 * What synack observes of one of its sockets from user space, each with the model events it implies.
 * Two sorts: synack's own calls (connect, FIN, RST, close), which reach the kernel when observed, and
 * reports of something the kernel already did (a connect completed, a FIN or an RST read, ETIMEDOUT),
 * which user space may learn long after: a FIN waits unread behind data while reading is paused.
 */
public enum ObservedEvent {
    /** accept() returned the socket: the kernel finished the handshake before, LISTEN → SYN_RECEIVED → ESTABLISHED. */
    ACCEPTED(RCV_SYN, RCV_ACK_OF_SYN),
    /** connect() started: SYN_SENT. */
    CONNECT_STARTED(ACTIVE_OPEN),
    /** connect() completed: the SYN,ACK arrived. */
    CONNECTED(RCV_SYN_ACK),
    /** connect() failed with ECONNREFUSED: an RST in SYN_SENT. */
    REFUSED(RCV_RST),
    /** synack's connect timeout fired and closed the socket, still in SYN_SENT. */
    CONNECT_TIMED_OUT(CLOSE),
    /** End of stream read: the peer's FIN arrived. */
    FIN_READ(RCV_FIN),
    /** synack sent its FIN (shutdownOutput after the last byte was flushed). */
    FIN_SENT(CLOSE),
    /** A read or write failed with ECONNRESET: an RST arrived. */
    RST_READ(RCV_RST),
    /** synack reset the connection (SO_LINGER 0 and close). */
    RST_SENT(ABORT),
    /**
     * The file descriptor was closed. No model event: what the close put on the wire was observed as
     * {@link #FIN_SENT} or {@link #RST_SENT}, and the socket lives on without a descriptor (an orphan in
     * FIN_WAIT_*, CLOSING, LAST_ACK or TIME_WAIT) that only /proc/net/tcp{,6} still shows.
     */
    SOCKET_CLOSED,
    /** A read or write failed with ETIMEDOUT: keepalive probes, retransmissions or TCP_USER_TIMEOUT ran out. */
    TIMED_OUT(USER_TIMEOUT);

    private final List<TcpEvent> implies;

    ObservedEvent(TcpEvent... implies) {
        this.implies = List.of(implies);
    }

    /** The model events this observation implies, in order. */
    public List<TcpEvent> implies() {
        return implies;
    }

    /**
     * Whether the transitions this implies happened before user space could see them, so a mirror
     * records them as inferred: the handshake of an accepted socket.
     */
    public boolean inferred() {
        return !implies.isEmpty() && implies.stream().noneMatch(TcpEvent::seenByUserSpace);
    }

    /**
     * Whether this reports something the kernel did on its own (a segment, a timer), at some time before
     * user space learnt of it; otherwise it is one of synack's own calls, taking effect as observed.
     */
    public boolean reportsKernelEvent() {
        return !implies.isEmpty() && implies.stream().allMatch(TcpEvent::withoutUserSpace);
    }

    /**
     * Whether a socket in {@code state} has already been through what this reports, so that the report
     * is no news to a mirror there: a FIN read in LAST_ACK (the FIN arrived before ours left, and the
     * socket went CLOSE_WAIT → LAST_ACK without entering FIN_WAIT_1). Always false for synack's own calls.
     */
    public boolean alreadyThrough(TcpState state) {
        return switch (this) {
            case ACCEPTED, CONNECTED -> state.isSynchronized() || state == TcpState.CLOSED;
            case FIN_READ -> state.hasReceivedFin() || state == TcpState.CLOSED;
            case REFUSED, RST_READ, TIMED_OUT -> state == TcpState.CLOSED;
            default -> false;
        };
    }
}
