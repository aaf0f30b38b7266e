package dev.synack.mirror.model;

/**
 * The events that move a connection between states in RFC 9293 §3.3.2 (Figure 5): the user's calls, the
 * arrival of segments, timers, and the kernel deleting the socket. Each segment event names the first
 * arrival of the segment that makes the transition; a retransmitted FIN or a duplicate ACK changes
 * nothing and is not an event here. What synack sees from user space maps onto these through
 * {@link ObservedEvent}.
 */
public enum TcpEvent {
    /** The user's passive OPEN (listen). */
    PASSIVE_OPEN(Kind.USER_CALL, true, "passive OPEN"),
    /** The user's active OPEN (connect); sends the SYN. */
    ACTIVE_OPEN(Kind.USER_CALL, true, "active OPEN"),
    /** The user's SEND; from LISTEN it turns the connection active and sends a SYN. */
    SEND(Kind.USER_CALL, true, "SEND"),
    /** The user's CLOSE: no more data from us, send our FIN (shutdown(SHUT_WR) or close() on Linux). */
    CLOSE(Kind.USER_CALL, true, "CLOSE"),
    /** The user's ABORT: send an RST and delete the socket (SO_LINGER 0 and close() on Linux). */
    ABORT(Kind.USER_CALL, true, "ABORT"),

    /** A SYN arrives: a new connection on a listener, or the peer's SYN crossing ours (simultaneous open). */
    RCV_SYN(Kind.SEGMENT, false, "rcv SYN"),
    /** The peer's SYN,ACK arrives: the answer to our SYN. */
    RCV_SYN_ACK(Kind.SEGMENT, true, "rcv SYN,ACK"),
    /** The ACK of our SYN arrives: the last step of a handshake the peer started. */
    RCV_ACK_OF_SYN(Kind.SEGMENT, false, "rcv ACK of SYN"),
    /** The peer's FIN arrives. */
    RCV_FIN(Kind.SEGMENT, true, "rcv FIN"),
    /** The ACK of our FIN arrives. */
    RCV_ACK_OF_FIN(Kind.SEGMENT, false, "rcv ACK of FIN"),
    /**
     * The peer's FIN arrives carrying the first ACK of ours (RFC 9293 §3.3.2 note 2, omitted from the
     * figure). User space sees only the FIN, when it reads it.
     */
    RCV_FIN_ACK_OF_FIN(Kind.SEGMENT, false, "rcv FIN,ACK of FIN"),
    /** An RST arrives (and is acceptable). */
    RCV_RST(Kind.SEGMENT, true, "rcv RST"),

    /** The 2·MSL timer of TIME_WAIT expires; on Linux TIME_WAIT lasts 60 s (TCP_TIMEWAIT_LEN). */
    TIME_WAIT_TIMEOUT(Kind.TIMER, false, "timeout=2MSL"),
    /**
     * The user timeout expires (RFC 9293 §3.10.8): on Linux, retransmissions, SYN retries or keepalive
     * probes run out, or TCP_USER_TIMEOUT passes; user space gets ETIMEDOUT.
     */
    USER_TIMEOUT(Kind.TIMER, true, "user timeout"),

    /**
     * The kernel deletes the socket with no segment and no RFC timer: an orphaned FIN_WAIT_2 after
     * tcp_fin_timeout, an orphan dropped under tcp_max_orphans or memory pressure, a TIME_WAIT not kept
     * (tcp_max_tw_buckets) or taken over by a new connection (tcp_tw_reuse).
     */
    SOCKET_DELETED(Kind.DELETION, false, "delete TCB");

    /** Where an event comes from. */
    public enum Kind {
        /** A call the application makes on the socket. */
        USER_CALL,
        /** A segment from the peer. */
        SEGMENT,
        /** A timer of the kernel's TCP. */
        TIMER,
        /** The kernel dropping the socket on its own: a fact the model records, not a path it predicts. */
        DELETION
    }

    private final Kind kind;
    private final boolean seenByUserSpace;
    private final String rfcLabel;

    TcpEvent(Kind kind, boolean seenByUserSpace, String rfcLabel) {
        this.kind = kind;
        this.seenByUserSpace = seenByUserSpace;
        this.rfcLabel = rfcLabel;
    }

    public Kind kind() {
        return kind;
    }

    /**
     * Whether the kernel can take this event on its own, with no call from user space: a segment arrival
     * or a timer. These are the transitions by which the kernel may be ahead of a mirror.
     */
    public boolean withoutUserSpace() {
        return kind == Kind.SEGMENT || kind == Kind.TIMER;
    }

    /**
     * Whether a process holding the socket's file descriptor learns of this event: its own calls, a
     * completed connect, a FIN or an RST it reads, ETIMEDOUT. It never sees the ACK of its FIN (so neither
     * FIN_WAIT_1 → FIN_WAIT_2 nor LAST_ACK → CLOSED), the expiry of TIME_WAIT, or the handshake the
     * kernel completes before accept(); and after close() it sees nothing at all.
     */
    public boolean seenByUserSpace() {
        return seenByUserSpace;
    }

    /** The event as RFC 9293's Figure 5 labels it: {@code rcv SYN,ACK}, {@code CLOSE}. */
    public String rfcLabel() {
        return rfcLabel;
    }
}
