package dev.synack.mirror;

import dev.synack.mirror.model.LinuxTcpState;
import dev.synack.mirror.model.TcpState;
import dev.synack.net.ProcNetTcp;
import dev.synack.observe.TcpInfo;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What the kernel said of one socket at one time: a state from tcp_info or /proc, or that /proc no longer
 * lists the socket ({@link #gone()}). One reading may stand for two states: tcp_info reads CLOSE on a
 * descriptor whose socket became a TIME_WAIT minisocket, so "CLOSE from tcp_info" is CLOSED or TIME_WAIT.
 *
 * @param state the model state; CLOSED when gone
 * @param fromTcpInfo read by getsockopt on the fd, not from /proc
 * @param row the /proc row behind it, or null
 */
public record KernelReading(long nanos, TcpState state, boolean gone, boolean fromTcpInfo, ProcNetTcp.Row row) {
    private static final Set<TcpState> CLOSED_OR_TIME_WAIT =
            Collections.unmodifiableSet(EnumSet.of(TcpState.CLOSED, TcpState.TIME_WAIT));
    private static final List<Set<TcpState>> SINGLE =
            Arrays.stream(TcpState.values()).map(s -> Collections.unmodifiableSet(EnumSet.of(s))).toList();

    /** The label the admin API prints: a state name, or {@code GONE}. */
    public String label() {
        return gone ? "GONE" : state.name();
    }

    /** The states this reading is consistent with (unmodifiable sets made once: a comparison asks several times). */
    public Set<TcpState> candidates() {
        if (fromTcpInfo && state == TcpState.CLOSED) {
            return CLOSED_OR_TIME_WAIT;
        }
        return SINGLE.get(state.ordinal());
    }

    static Optional<KernelReading> of(TcpInfo info, long nanos) {
        return LinuxTcpState.modelOf(info.state()).map(s -> new KernelReading(nanos, s, false, true, null));
    }

    static Optional<KernelReading> of(ProcNetTcp.Row row, long nanos) {
        return LinuxTcpState.modelOf(row.state()).map(s -> new KernelReading(nanos, s, false, false, row));
    }

    /** An open fd whose connected socket /proc no longer lists: the kernel closed it under the fd (TCP_CLOSE). */
    static KernelReading unhashed(long nanos) {
        return new KernelReading(nanos, TcpState.CLOSED, false, false, null);
    }

    static KernelReading gone(long nanos) {
        return new KernelReading(nanos, TcpState.CLOSED, true, false, null);
    }
}
