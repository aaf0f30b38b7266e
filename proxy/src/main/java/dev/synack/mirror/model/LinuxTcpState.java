package dev.synack.mirror.model;

import java.util.Optional;

/**
 * Linux's TCP state codes (include/net/tcp_states.h) and the model state each stands for: the one place
 * that knows them. The code comes as an int from TCP_INFO's {@code tcpi_state} or as two hex digits from
 * the {@code st} column of /proc/net/tcp{,6}.
 *
 * <p>Three codes need a word. NEW_SYN_RECV is a request socket, a handshake not yet complete; /proc prints
 * it as SYN_RECV, and both are SYN_RECEIVED. CLOSE is the RFC's CLOSED: a socket not connected, or done
 * and still held by a descriptor. FIN_WAIT2 may be a time-wait minisocket: an orphaned FIN_WAIT_2 that
 * the kernel turned into one still prints its sub-state, FIN_WAIT2, with timer 3 and inode 0 like a
 * TIME_WAIT row; it stays FIN_WAIT_2, since no FIN from the peer has come. TCP_INFO, for its part, reads
 * CLOSE on a descriptor whose socket became a TIME_WAIT minisocket; /proc then has the truth.
 */
public enum LinuxTcpState {
    ESTABLISHED(1, TcpState.ESTABLISHED),
    SYN_SENT(2, TcpState.SYN_SENT),
    SYN_RECV(3, TcpState.SYN_RECEIVED),
    FIN_WAIT1(4, TcpState.FIN_WAIT_1),
    FIN_WAIT2(5, TcpState.FIN_WAIT_2),
    TIME_WAIT(6, TcpState.TIME_WAIT),
    CLOSE(7, TcpState.CLOSED),
    CLOSE_WAIT(8, TcpState.CLOSE_WAIT),
    LAST_ACK(9, TcpState.LAST_ACK),
    LISTEN(10, TcpState.LISTEN),
    CLOSING(11, TcpState.CLOSING),
    NEW_SYN_RECV(12, TcpState.SYN_RECEIVED);

    private static final LinuxTcpState[] BY_CODE = new LinuxTcpState[13];

    static {
        for (LinuxTcpState s : values()) {
            BY_CODE[s.code] = s;
        }
    }

    private final int code;
    private final TcpState model;

    LinuxTcpState(int code, TcpState model) {
        this.code = code;
        this.model = model;
    }

    /**
     * Whether a socket whose descriptor is closed can be in the state with this code: the ends of a close
     * the kernel finishes alone (FIN_WAIT1, FIN_WAIT2, TIME_WAIT, LAST_ACK, CLOSING). A row of such a
     * 4-tuple in any other state is another socket.
     */
    public static boolean orphanCode(int code) {
        return code == FIN_WAIT1.code || code == FIN_WAIT2.code || code == TIME_WAIT.code || code == LAST_ACK.code
                || code == CLOSING.code;
    }

    /** The kernel's number for this state (TCP_ESTABLISHED = 1 ... TCP_NEW_SYN_RECV = 12). */
    public int code() {
        return code;
    }

    /** The RFC 9293 state a socket in this kernel state is in. */
    public TcpState model() {
        return model;
    }

    /**
     * The state with this code; empty for a code this table does not know (13, TCP_BOUND_INACTIVE, is a
     * pseudo-state of inet_diag; a newer kernel may add more), which a probe should report, not fail on.
     */
    public static Optional<LinuxTcpState> ofCode(int code) {
        return code > 0 && code < BY_CODE.length ? Optional.ofNullable(BY_CODE[code]) : Optional.empty();
    }

    /** The state with this code written in hex, as the {@code st} column of /proc/net/tcp has it: {@code 0A} is LISTEN. */
    public static Optional<LinuxTcpState> ofHex(CharSequence hex) {
        int code = 0;
        if (hex.length() == 0 || hex.length() > 2) {
            return Optional.empty();
        }
        for (int i = 0; i < hex.length(); i++) {
            int digit = Character.digit(hex.charAt(i), 16);
            if (digit < 0) {
                return Optional.empty();
            }
            code = code * 16 + digit;
        }
        return ofCode(code);
    }

    /** The model state of a kernel code; empty if the code is unknown. */
    public static Optional<TcpState> modelOf(int code) {
        return ofCode(code).map(LinuxTcpState::model);
    }
}
