package dev.synack.mirror;

import dev.synack.mirror.model.TcpState;

/**
 * The disagreements that are only wrong when they last: a state the kernel may well be in for a moment
 * (FIN_WAIT_1 until the ACK comes, CLOSE_WAIT until synack reads the FIN or passes it on) becomes a
 * divergence once it outlasts the grace period.
 */
final class DurationRules {
    private DurationRules() {}

    /**
     * Checks {@code m} at {@code now}; {@code other} is the session's other socket; {@code finFault} names a
     * fault acting on the direction that carries this socket's FIN onward (null if none): a CLOSE_WAIT it
     * holds is what the fault was asked to do, noted, not a divergence.
     */
    static void check(SocketMirror m, SocketMirror other, long now, long grace, String finFault) {
        KernelReading k = m.kernel;
        if (k == null) {
            return;
        }
        TcpState ks = k.state();
        boolean finUnacked = !k.gone() && (ks == TcpState.FIN_WAIT_1 || ks == TcpState.CLOSING || ks == TcpState.LAST_ACK);
        if (finUnacked && m.finSentNanos >= 0 && now - m.finSentNanos > grace) {
            m.diverge(DivergenceKind.FIN_NOT_ACKED, m.finSentNanos, "synack's FIN to the " + m.peer() + " has waited "
                    + Durations.text(now - m.finSentNanos) + " for its ACK (kernel: " + ks + "): the " + m.peer()
                    + " is gone, or has stopped reading and its full receive window holds the FIN back behind unsent data");
        }
        if (m.fdOpen && m.aheadSince >= 0 && now - m.aheadSince > grace) {
            if (!k.gone() && ks.hasReceivedFin() && !m.state.hasReceivedFin() && m.state != TcpState.CLOSED) {
                String unread = k.row() != null && k.row().rxQueue() > 0 ? " (" + k.row().rxQueue() + " bytes unread)" : "";
                m.diverge(DivergenceKind.FIN_BEHIND_UNREAD_DATA, m.aheadSince, "the " + m.peer() + "'s FIN reached the kernel "
                        + Durations.text(now - m.aheadSince) + " ago (kernel: " + ks + ") but synack has not read it: it waits "
                        + "behind unread data" + unread + ", because synack stopped reading this socket until the other side drains");
            } else if (ks == TcpState.CLOSED && m.state != TcpState.CLOSED) {
                m.diverge(DivergenceKind.SOCKET_GONE_EARLY, m.aheadSince, "the kernel closed this socket "
                        + Durations.text(now - m.aheadSince) + " ago (an RST or a timeout) while its fd is open, and synack "
                        + "has not noticed");
            }
        }
        boolean held = m.state == TcpState.CLOSE_WAIT && !k.gone() && ks == TcpState.CLOSE_WAIT && m.finReadNanos >= 0;
        if (held && now - m.finReadNanos > grace && (other == null || !other.endedOutput()) && finFault != null) {
            m.note = "CLOSE_WAIT held " + Durations.text(now - m.finReadNanos) + " after the " + m.peer() + "'s FIN: fault "
                    + finFault + " holds the FIN on its way to the " + other.peer() + ", as asked";
        } else if (held && now - m.finReadNanos > grace && (other == null || !other.endedOutput())) {
            m.diverge(DivergenceKind.CLOSE_WAIT_HELD, m.finReadNanos, "synack read the " + m.peer() + "'s FIN "
                    + Durations.text(now - m.finReadNanos) + " ago and holds this socket in CLOSE_WAIT without passing the "
                    + "FIN on: the other socket still has data to send (its peer is not reading), or synack leaked the socket");
        }
    }
}
