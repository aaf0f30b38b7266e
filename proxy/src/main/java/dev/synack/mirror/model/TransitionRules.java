package dev.synack.mirror.model;

import static dev.synack.mirror.model.TcpState.CLOSED;
import static dev.synack.mirror.model.TcpState.CLOSE_WAIT;
import static dev.synack.mirror.model.TcpState.CLOSING;
import static dev.synack.mirror.model.TcpState.ESTABLISHED;
import static dev.synack.mirror.model.TcpState.FIN_WAIT_1;
import static dev.synack.mirror.model.TcpState.FIN_WAIT_2;
import static dev.synack.mirror.model.TcpState.LAST_ACK;
import static dev.synack.mirror.model.TcpState.LISTEN;
import static dev.synack.mirror.model.TcpState.SYN_RECEIVED;
import static dev.synack.mirror.model.TcpState.SYN_SENT;
import static dev.synack.mirror.model.TcpState.TIME_WAIT;

/**
 * The transition rules of RFC 9293, as Figure 5 draws them and as its event processing (§3.10) and notes
 * complete them, with the choices Linux makes where the RFC leaves one. {@link TcpStateMachine} builds
 * its table from here; this class is the one place to read the rules.
 */
final class TransitionRules {
    private TransitionRules() {}

    /** The state {@code event} leads to from {@code from}, or null if it is forbidden there. */
    static TcpState target(TcpState from, TcpEvent event, boolean passive) {
        return switch (event) {
            case PASSIVE_OPEN -> from == CLOSED ? LISTEN : null;
            // §3.10.1: an active OPEN on a listener turns it active, like SEND.
            case ACTIVE_OPEN -> from == CLOSED || from == LISTEN ? SYN_SENT : null;
            // §3.10.2: queued before the handshake ends, sent once synchronized, refused once we closed.
            case SEND -> switch (from) {
                case LISTEN -> SYN_SENT;
                case SYN_SENT, SYN_RECEIVED, ESTABLISHED, CLOSE_WAIT -> from;
                default -> null;
            };
            // §3.10.4: a second CLOSE is "error: connection closing".
            case CLOSE -> switch (from) {
                case LISTEN, SYN_SENT -> CLOSED;
                case SYN_RECEIVED, ESTABLISHED -> FIN_WAIT_1;
                case CLOSE_WAIT -> LAST_ACK;
                default -> null;
            };
            // §3.10.5. Figure 5 note 3 allows "snd RST" to lead to TIME_WAIT; Linux deletes the socket.
            case ABORT -> from == CLOSED ? null : CLOSED;
            case RCV_SYN -> from == LISTEN || from == SYN_SENT ? SYN_RECEIVED : null;
            case RCV_SYN_ACK -> from == SYN_SENT ? ESTABLISHED : null;
            case RCV_ACK_OF_SYN -> from == SYN_RECEIVED ? ESTABLISHED : null;
            // §3.10.7.4 eighth: a FIN in SYN_RECEIVED (its segment also ACKs our SYN) leads to CLOSE_WAIT.
            // A FIN that arrives before we send ours leads to CLOSE_WAIT, so our FIN then leaves from
            // CLOSE_WAIT to LAST_ACK and the socket never enters FIN_WAIT_1.
            case RCV_FIN -> switch (from) {
                case SYN_RECEIVED, ESTABLISHED -> CLOSE_WAIT;
                case FIN_WAIT_1 -> CLOSING;
                case FIN_WAIT_2 -> TIME_WAIT;
                default -> null;
            };
            case RCV_ACK_OF_FIN -> switch (from) {
                case FIN_WAIT_1 -> FIN_WAIT_2;
                case CLOSING -> TIME_WAIT;
                case LAST_ACK -> CLOSED;
                default -> null;
            };
            case RCV_FIN_ACK_OF_FIN -> from == FIN_WAIT_1 ? TIME_WAIT : null;
            case RCV_RST -> rst(from, passive);
            case TIME_WAIT_TIMEOUT -> from == TIME_WAIT ? CLOSED : null;
            // §3.10.8 says "for any state"; a listener and a TIME_WAIT have nothing to time out, and
            // Linux arms no such timer in them.
            case USER_TIMEOUT -> from == CLOSED || from == LISTEN || from == TIME_WAIT ? null : CLOSED;
            case SOCKET_DELETED -> from == CLOSED ? null : CLOSED;
        };
    }

    /**
     * §3.10.7: a listener ignores an RST; in SYN_RECEIVED it returns a passively opened connection to
     * LISTEN (MUST-11: the connection remembers how it got there) and refuses an actively opened one;
     * every other state is reset to CLOSED. TIME_WAIT included: RFC 1337 suggests ignoring an RST there,
     * but Linux's default net.ipv4.tcp_rfc1337=0 lets it kill the TIME_WAIT. In CLOSED there is no
     * connection for an RST to reach.
     */
    private static TcpState rst(TcpState from, boolean passive) {
        return switch (from) {
            case CLOSED -> null;
            case LISTEN -> LISTEN;
            case SYN_RECEIVED -> passive ? LISTEN : CLOSED;
            default -> CLOSED;
        };
    }
}
