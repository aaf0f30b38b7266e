package dev.synack.mirror;

import java.util.Locale;

/** The kinds of disagreement between a socket's mirror and the kernel that the engine explains. */
public enum DivergenceKind {
    /** FIN_WAIT_1 (or LAST_ACK, CLOSING) held past the grace: the peer is gone, or not reading. */
    FIN_NOT_ACKED,
    /** The kernel holds the peer's FIN (CLOSE_WAIT) while the mirror, fed by what synack read, says ESTABLISHED. */
    FIN_BEHIND_UNREAD_DATA,
    /** synack read the peer's FIN and holds the CLOSE_WAIT past the grace without passing the FIN on: a stall or a leak. */
    CLOSE_WAIT_HELD,
    /** The kernel dropped the socket earlier than the model allows: TIME_WAIT reused or overflowed, or an RST nobody saw. */
    SOCKET_GONE_EARLY,
    /** The kernel is in a state no sequence of the observed events allows. */
    FORBIDDEN_STATE;

    /** The snake_case name of the admin API and the metrics. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }
}
