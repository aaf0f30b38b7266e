package dev.synack.mirror;

import dev.synack.mirror.model.TcpState;
import dev.synack.net.SocketAddressText;
import dev.synack.observe.Side;
import dev.synack.observe.TcpInfo;
import java.util.List;

/**
 * An immutable snapshot of one proxy socket's mirror: addresses ({@code ip:port}, null while unknown),
 * whether its fd is open, the mirror's state, the kernel's latest ({@code GONE} once /proc no longer lists
 * it, null if never read), the verdict of their comparison, the latest tcp_info, the handshake time
 * (upstream; -1 when unknown), a note (why a timeout ended it) and its divergences.
 */
public record SocketView(Side side, String local, String remote, boolean fdOpen, TcpState mirrorState, String kernelState,
                         Verdict verdict, TcpInfo tcpInfo, TcpInfo firstTcpInfo, long handshakeNanos, String note,
                         List<Divergence> divergences) {
    public SocketView {
        divergences = List.copyOf(divergences);
    }

    /** What the admin API calls {@code agree}: no divergence, and the kernel where the model allows. */
    public boolean agree() {
        return verdict.agrees() && divergences.isEmpty();
    }

    static SocketView of(SocketMirror m) {
        return new SocketView(m.side, SocketAddressText.of(m.local), SocketAddressText.of(m.remote), m.fdOpen, m.state,
                m.kernel == null ? null : m.kernel.label(), m.verdict, m.lastInfo, m.firstInfo, m.handshakeNanos, m.note,
                m.divergences);
    }
}
