package dev.synack.mirror.model;

/**
 * The eleven connection states of RFC 9293 §3.3.2, spelled as JSON and the admin routes print them.
 * CLOSED is the RFC's fictional state, "no connection state at all": a socket not yet opened or one the
 * kernel has deleted. Linux numbers these states differently; {@link LinuxTcpState} maps its codes here.
 */
public enum TcpState {
    CLOSED,
    LISTEN,
    SYN_SENT,
    SYN_RECEIVED,
    ESTABLISHED,
    FIN_WAIT_1,
    FIN_WAIT_2,
    CLOSE_WAIT,
    CLOSING,
    LAST_ACK,
    TIME_WAIT;

    /** The RFC's spelling, as in its Figure 5: {@code SYN-RECEIVED}, {@code FIN-WAIT-1}. */
    public String rfcName() {
        return name().replace('_', '-');
    }

    /**
     * Whether the connection is synchronized (RFC 9293 §3.5.2): the handshake is complete, from
     * ESTABLISHED on. CLOSED is not, though a synchronized connection may end there.
     */
    public boolean isSynchronized() {
        return ordinal() >= ESTABLISHED.ordinal();
    }

    /** Whether we have sent our FIN: FIN_WAIT_1, FIN_WAIT_2, CLOSING, LAST_ACK, TIME_WAIT. */
    public boolean hasSentFin() {
        return switch (this) {
            case FIN_WAIT_1, FIN_WAIT_2, CLOSING, LAST_ACK, TIME_WAIT -> true;
            default -> false;
        };
    }

    /** Whether the peer's FIN has arrived: CLOSE_WAIT, CLOSING, LAST_ACK, TIME_WAIT. */
    public boolean hasReceivedFin() {
        return switch (this) {
            case CLOSE_WAIT, CLOSING, LAST_ACK, TIME_WAIT -> true;
            default -> false;
        };
    }
}
